namespace Parley.Server.Files;

/// <summary>A type the file engine recognises from a file's first bytes: its media type and whether it can have a preview.</summary>
public sealed record FileType(string ContentType, string Extension, bool IsRasterImage)
{
    public static readonly FileType Png = new("image/png", ".png", true);
    public static readonly FileType Jpeg = new("image/jpeg", ".jpg", true);
    public static readonly FileType Gif = new("image/gif", ".gif", true);
    public static readonly FileType WebP = new("image/webp", ".webp", true);
    public static readonly FileType Pdf = new("application/pdf", ".pdf", false);
    public static readonly FileType Text = new("text/plain", ".txt", false);

    /// <summary>Every type the sniffer knows; anything else is refused (there is no "other" type to allow).</summary>
    public static readonly IReadOnlyList<FileType> All = [Png, Jpeg, Gif, WebP, Pdf, Text];

    public static FileType? FromContentType(string contentType) =>
        All.FirstOrDefault(t => string.Equals(t.ContentType, contentType, StringComparison.OrdinalIgnoreCase));
}
