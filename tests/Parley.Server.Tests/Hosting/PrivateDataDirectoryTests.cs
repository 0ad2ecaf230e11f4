using Microsoft.Extensions.Logging;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Hosting;

/// <summary>
/// The data directory holds password hashes, transcripts, e-mail addresses, the cookie key ring and the installation
/// key: only the server's own user may read it, from the first byte of every file.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateDataDirectoryTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = Private | UnixFileMode.UserExecute;
    private readonly string _parent = Directory.CreateTempSubdirectory("parley-private-").FullName;

    public void Dispose() => ParleyServer.TryDelete(_parent);

    [Fact]
    public async Task A_new_data_directory_and_every_file_the_server_writes_there_are_private()
    {
        var data = Path.Combine(_parent, "data");
        await using (var server = new ParleyServer(data))
        {
            await UseAsync(server);

            Assert.Equal(PrivateDirectory, File.GetUnixFileMode(data));
            Assert.Equal(PrivateDirectory, File.GetUnixFileMode(Path.Combine(data, "keys")));
            foreach (var file in new[] { "parley.db", "parley.db-wal", "parley.db-shm", "installation.key" })
            {
                Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(data, file)));
            }

            Assert.NotEmpty(Directory.GetFiles(Path.Combine(data, "keys")));
            AssertEverythingPrivate(data);
        }
    }

    [Fact]
    public async Task An_existing_data_directory_that_others_can_read_is_tightened_with_a_warning()
    {
        var data = Path.Combine(_parent, "data");
        var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        var openDirectory = open | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        Directory.CreateDirectory(data, openDirectory);
        Directory.CreateDirectory(Path.Combine(data, "keys"), openDirectory);
        await File.WriteAllTextAsync(Path.Combine(data, "notes.txt"), "left here by an older version");
        File.SetUnixFileMode(data, openDirectory);
        File.SetUnixFileMode(Path.Combine(data, "keys"), openDirectory);
        File.SetUnixFileMode(Path.Combine(data, "notes.txt"), open);

        var logs = new CapturedLogs();
        await using (var server = new ParleyServer(data, configure: logs.AddTo))
        {
            await UseAsync(server);

            Assert.Equal(PrivateDirectory, File.GetUnixFileMode(data));
            Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(data, "notes.txt")));
            AssertEverythingPrivate(data);
        }

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(data, StringComparison.Ordinal));
    }

    /// <summary>Writes to the database, creates the installation key and the cookie key ring.</summary>
    private static async Task UseAsync(ParleyServer server)
    {
        await server.StartConversationAsync();
        await server.LoginAsync("alice");
    }

    private static void AssertEverythingPrivate(string data)
    {
        foreach (var entry in new DirectoryInfo(data).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            Assert.True(entry.UnixFileMode == (entry is DirectoryInfo ? PrivateDirectory : Private), $"{entry.FullName} is {entry.UnixFileMode}");
        }
    }
}
