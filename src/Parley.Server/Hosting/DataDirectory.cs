using System.Runtime.Versioning;
using System.Text;

namespace Parley.Server.Hosting;

/// <summary>
/// The data directory holds password hashes, transcripts, e-mail addresses, the cookie key ring and the installation
/// key: on Unix it and everything in it belong to the server's user alone (directories 0700, files 0600), from the
/// first byte — files are created with their mode rather than changed afterwards.
/// </summary>
internal static class DataDirectory
{
    public const UnixFileMode PrivateDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The absolute data directory, created (owner only) if missing.</summary>
    public static string Resolve(ParleyOptions options)
    {
        var path = Path.GetFullPath(options.DataDirectory);
        CreatePrivateDirectory(path);
        return path;
    }

    /// <summary>A directory in the data directory (the key ring), created owner only if missing.</summary>
    public static string Subdirectory(ParleyOptions options, string name)
    {
        var path = Path.Combine(Resolve(options), name);
        CreatePrivateDirectory(path);
        return path;
    }

    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, PrivateDirectoryMode);
        }
    }

    /// <summary>Writes a new file, owner only from its creation; fails if it exists.</summary>
    public static void WriteNewPrivateFile(string path, string contents)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFileMode;
        }

        using var writer = new StreamWriter(new FileStream(path, options), Encoding.ASCII);
        writer.Write(contents);
    }

    /// <summary>
    /// Creates an empty file, owner only, unless it exists. SQLite opens an empty file as an empty database and gives
    /// its -wal, -shm and journal files the database file's mode, so they are private from their first byte too.
    /// </summary>
    public static void EnsurePrivateFile(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                WriteNewPrivateFile(path, "");
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created meanwhile by another process on the same directory.
        }
    }

    /// <summary>
    /// Takes group and other permissions off the directory and everything in it (symbolic links are not followed).
    /// Answers what was tightened and what could not be (another user's file, for example).
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    public static (List<string> Tightened, List<string> Failed) Tighten(string path)
    {
        var tightened = new List<string>();
        var failed = new List<string>();
        var root = new DirectoryInfo(path);
        var entries = root.EnumerateFileSystemInfos("*", new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            IgnoreInaccessible = true,
        });
        foreach (var entry in entries.Prepend(root))
        {
            var ownerOnly = entry.UnixFileMode & PrivateDirectoryMode;
            if (entry.UnixFileMode == ownerOnly)
            {
                continue;
            }

            try
            {
                entry.UnixFileMode = ownerOnly;
                tightened.Add(entry.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failed.Add(entry.FullName);
            }
        }

        return (tightened, failed);
    }
}
