using System.Security.Cryptography;
using System.Text;

namespace Parley.Server.Hosting;

/// <summary>
/// The installation key (<c>Parley:InstallationKey</c>, or generated once into the data directory): the one secret
/// every edge and the core of an installation share. Customer tokens and edge probes each derive their own MACs from it.
/// </summary>
public static class InstallationKey
{
    public const string FileName = "installation.key";
    private static readonly Lock Gate = new();

    /// <summary>The configured key, or the one in the data directory, created there on first use.</summary>
    public static byte[] LoadOrCreate(ParleyOptions options)
    {
        if (options.InstallationKey is { } configured)
        {
            return Convert.FromBase64String(configured);
        }

        var path = Path.Combine(DataDirectory.Resolve(options), FileName);
        lock (Gate)
        {
            if (File.Exists(path))
            {
                return Read(path);
            }

            var key = RandomNumberGenerator.GetBytes(32);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            DataDirectory.WriteNewPrivateFile(temp, Convert.ToBase64String(key));

            try
            {
                File.Move(temp, path, overwrite: false);
                return key;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process (an edge or the CLI on the same directory) wrote it first: theirs is the key.
                File.Delete(temp);
                return Read(path);
            }
        }
    }

    /// <summary>The configured key or the one in the data directory; never creates one (for tools such as <c>check-url</c>).</summary>
    public static byte[]? TryLoad(ParleyOptions options)
    {
        if (options.InstallationKey is { } configured)
        {
            return Convert.FromBase64String(configured);
        }

        var path = PathOf(options);
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>Where the key lives when it is not configured.</summary>
    public static string PathOf(ParleyOptions options) => Path.Combine(Path.GetFullPath(options.DataDirectory), FileName);

    private static byte[] Read(string path) => Convert.FromBase64String(File.ReadAllText(path, Encoding.ASCII).Trim());
}
