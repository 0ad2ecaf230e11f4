using System.Text;

namespace Parley.Server.Files;

/// <summary>
/// Decides a file's type from its content alone (never its name or the type its sender declared), for a short
/// allowlist: PNG, JPEG, GIF, WebP, PDF and plain text. Anything else — an executable renamed <c>.png</c>, HTML, SVG,
/// an archive — is unknown (null) and refused. Text must be valid UTF-8 without NUL and must not look like markup a
/// browser would sniff as HTML or SVG, so that no "text" is ever active content.
/// </summary>
public static class FileSniffer
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>What browsers look for (the WHATWG MIME sniffing rules' HTML and XML signatures), lower case.</summary>
    private static readonly string[] MarkupStarts =
        ["<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font", "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<!--", "<?xml", "<svg"];

    public static FileType? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(PngSignature))
        {
            // The signature then the IHDR chunk (length 13): a bare signature is not an image.
            return content.Length >= 33 && content[12..16].SequenceEqual("IHDR"u8) ? FileType.Png : null;
        }

        if (content is [0xFF, 0xD8, 0xFF, ..])
        {
            // The start of image marker; a JPEG ends with EOI (FF D9, some writers pad after it), which a truncated one lacks.
            return content.Length >= 4 && content[Math.Max(0, content.Length - 64)..].IndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) >= 0 ? FileType.Jpeg : null;
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            // Header (6) and logical screen descriptor (7); a GIF ends with its trailer (0x3B).
            return content.Length >= 14 && content[^1] == 0x3B ? FileType.Gif : null;
        }

        if (content.Length >= 16 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            // The RIFF size counts the bytes after it: a truncated file is shorter than it says.
            var size = BitConverter.ToUInt32(content[4..8]);
            return BitConverter.IsLittleEndian && size + 8L <= content.Length && content[12..15].SequenceEqual("VP8"u8) ? FileType.WebP : null;
        }

        if (content.StartsWith("%PDF-"u8))
        {
            // A PDF ends with %%EOF (possibly followed by a line break and a few bytes of padding).
            var tail = content[Math.Max(0, content.Length - 1024)..];
            return tail.IndexOf("%%EOF"u8) >= 0 ? FileType.Pdf : null;
        }

        return IsPlainText(content) ? FileType.Text : null;
    }

    private static bool IsPlainText(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty || content.Contains((byte)0))
        {
            return false;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        // Control characters other than tab, line breaks and form feed mark a binary file.
        if (text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f')))
        {
            return false;
        }

        var start = text.TrimStart('\uFEFF', ' ', '\t', '\n', '\r', '\f').ToLowerInvariant();
        return !MarkupStarts.Any(tag => start.StartsWith(tag, StringComparison.Ordinal)
            && (start.Length == tag.Length || tag.StartsWith("<!", StringComparison.Ordinal) || tag.StartsWith("<?", StringComparison.Ordinal) || start[tag.Length] is ' ' or '>' or '/' or '\t' or '\n' or '\r'))
            && !start.Contains("<svg", StringComparison.Ordinal) && !start.Contains("<script", StringComparison.Ordinal);
    }
}
