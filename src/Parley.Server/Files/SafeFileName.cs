namespace Parley.Server.Files;

/// <summary>
/// The name an attachment is shown and downloaded under: the last part of what the sender called it (no directories,
/// no drive), without control or reserved characters, at most 100 characters, and ending in the extension of the type
/// its content has — never the name a file is stored under.
/// </summary>
public static class SafeFileName
{
    public const int MaxLength = 100;

    public static string For(string? sent, FileType type)
    {
        var name = (sent ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or ':' or '|' or '?' or '*') && !char.IsSurrogate(c))]).Trim().Trim('.').Trim();
        var stem = Path.GetFileNameWithoutExtension(name);
        if (string.IsNullOrWhiteSpace(stem))
        {
            stem = "attachment";
        }

        stem = stem[..Math.Min(stem.Length, MaxLength - type.Extension.Length)].TrimEnd();
        var extension = Path.GetExtension(name);
        // Keep ".jpeg" for a JPEG named so; any other extension is replaced by the content's own.
        return stem + (type == FileType.Jpeg && extension.Equals(".jpeg", StringComparison.OrdinalIgnoreCase) ? ".jpeg" : type.Extension);
    }
}
