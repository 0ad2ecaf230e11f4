namespace Parley.Server.Files;

/// <summary>A file read from a multipart upload (field <c>file</c>), with the optional <c>clientMessageId</c> field.</summary>
public sealed record UploadedFile(string? FileName, byte[] Content, string? ClientMessageId);
