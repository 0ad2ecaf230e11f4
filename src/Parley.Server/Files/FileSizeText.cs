using System.Globalization;

namespace Parley.Server.Files;

/// <summary>A file's size as people read it next to its name ("812 B", "3.4 KB", "1.2 MB"), the same on the desk and in mail.</summary>
public static class FileSizeText
{
    public static string Of(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024.0):0.#} MB"),
    };
}
