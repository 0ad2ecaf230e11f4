namespace Parley.Server.Files;

/// <summary>An attachment once stored: its id, the safe name it is shown under, its sniffed type and size.</summary>
public sealed record StoredFile(Guid Id, string Name, FileType Type, long Size);
