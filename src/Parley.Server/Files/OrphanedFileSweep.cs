using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Server.Storage;

namespace Parley.Server.Files;

/// <summary>
/// Removes stored files no message refers to, once they are older than <see cref="FileEngineOptions.OrphanGracePeriod"/>:
/// what an append that failed in a way no one could clean up at once left behind (a database error after the file was
/// stored, a crash between the two), and a file uploaded for canned responses that no response names (with its record).
/// A file a canned response names is kept. Every <see cref="FileEngineOptions.SweepInterval"/> on the server's clock.
/// </summary>
public sealed partial class OrphanedFileSweep(
    IFileStore store, IDbContextFactory<ParleyDbContext> db, IOptions<FileEngineOptions> options, TimeProvider time, ILogger<OrphanedFileSweep> logger)
    : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next sweep tries again: nothing depends on this one.
                    LogSweepFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One sweep; answers how many files it removed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - options.Value.OrphanGracePeriod;
        var removed = 0;
        var candidates = new List<Guid>(Batch);
        await foreach (var id in store.ListAsync(cancellationToken))
        {
            if (StoredFileAge.StoredAt(id) is { } storedAt && storedAt < before)
            {
                candidates.Add(id);
                if (candidates.Count == Batch)
                {
                    removed += await RemoveUnreferencedAsync(candidates, cancellationToken);
                    candidates.Clear();
                }
            }
        }

        if (candidates.Count > 0)
        {
            removed += await RemoveUnreferencedAsync(candidates, cancellationToken);
        }

        if (removed > 0)
        {
            LogRemoved(removed);
        }

        return removed;
    }

    private async Task<int> RemoveUnreferencedAsync(List<Guid> candidates, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var referenced = await new ConversationQueries(context).ReferencedAttachmentsAsync(candidates, cancellationToken);
        var orphans = candidates.Where(id => !referenced.Contains(id)).ToList();
        if (orphans.Count == 0)
        {
            return 0;
        }

        // A canned-response file no response named in time goes with its record; the record first, so a file is never
        // offered to attach once its bytes are gone (a crash in between leaves bytes the next sweep takes).
        await context.CannedResponseFiles.Where(f => orphans.Contains(f.Id)).ExecuteDeleteAsync(cancellationToken);
        foreach (var id in orphans)
        {
            await store.DeleteAsync(id, cancellationToken);
        }

        return orphans.Count;
    }

    [LoggerMessage(EventId = 9733, Level = LogLevel.Information, Message = "Removed {Count} stored files no message refers to")]
    private partial void LogRemoved(int count);

    [LoggerMessage(EventId = 9734, Level = LogLevel.Error, Message = "The sweep of orphaned files failed; the next one tries again")]
    private partial void LogSweepFailed(Exception exception);
}
