namespace Parley.Server.Files;

/// <summary>What a signed download link names: the file, which bytes, how to serve them, for whom and until when.</summary>
public sealed record FileLink(Guid Id, FileVariant Variant, string ContentType, string Name, LinkAudience Audience, DateTimeOffset Expires);
