using Microsoft.Extensions.Options;

namespace Parley.Server.Hosting;

/// <summary>
/// Before anything else starts: an existing data directory that group or others can read (made by an older version,
/// a copied backup, a wide umask) is tightened to owner only, with a warning naming it. New files are created private
/// by <see cref="DataDirectory"/>.
/// </summary>
internal sealed partial class PrivateDataDirectory(IOptions<ParleyOptions> options, ILogger<PrivateDataDirectory> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(options.Value.DataDirectory);
        if (OperatingSystem.IsWindows() || !Directory.Exists(path))
        {
            return Task.CompletedTask;
        }

        var (tightened, failed) = DataDirectory.Tighten(path);
        if (tightened.Count > 0)
        {
            LogTightened(path, tightened.Count, string.Join(", ", tightened.Take(10).Select(p => Path.GetRelativePath(path, p))));
        }

        if (failed.Count > 0)
        {
            LogNotTightened(path, string.Join(", ", failed.Take(10)));
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "The data directory {Path} was readable by other users; {Count} entries are now owner-only (directories 0700, files 0600): {Entries}")]
    private partial void LogTightened(string path, int count, string entries);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "The data directory {Path} holds entries other users can read that this user may not change: {Entries}. Make the server's user own them")]
    private partial void LogNotTightened(string path, string entries);
}
