namespace Parley.Server.Hosting;

internal static class DataDirectory
{
    /// <summary>The absolute data directory, created if missing.</summary>
    public static string Resolve(ParleyOptions options)
    {
        var path = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(path);
        return path;
    }
}
