using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Server.Storage;

namespace Parley.Server.Reporting;

/// <summary>
/// Deletes raw facts older than <see cref="ReportingOptions.RawRetention"/> once an hour (the roll-ups keep the figures).
/// Only facts every projection has already folded in are deleted, so a projection that fell behind loses nothing; with
/// no projection recorded yet, nothing is deleted. Deletes in small batches so the group commit is never held up long.
/// </summary>
public sealed partial class RawFactRetention(
    IDbContextFactory<ParleyDbContext> databases, IOptions<ReportingOptions> options, TimeProvider time, ILogger<RawFactRetention> logger,
    WriteTurns? turns = null) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private const int BatchSize = 10_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    await PurgeAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogPurgeFailed(e); // the next round tries again; nothing is lost by waiting
                }

                await Task.Delay(Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Deletes what is due now; answers how many facts went.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = (time.GetUtcNow() - options.Value.RawRetention).ToUnixTimeMilliseconds();
        var deleted = 0;
        while (true)
        {
            await using var context = await databases.CreateDbContextAsync(cancellationToken);
            var folded = await context.ReportProjections.Select(p => (long?)p.Position).MinAsync(cancellationToken);
            if (folded is not { } position)
            {
                return deleted;
            }

            using var turn = await (turns ?? WriteTurns.None).TakeAsync(cancellationToken);
            var batch = await context.ReportEvents.Where(e => e.Id <= position && e.At < cutoff).OrderBy(e => e.Id).Take(BatchSize).ExecuteDeleteAsync(cancellationToken);
            deleted += batch;
            if (batch < BatchSize)
            {
                if (deleted > 0)
                {
                    LogPurged(deleted, options.Value.RawRetention);
                }

                return deleted;
            }
        }
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Deleted {Count} raw reporting facts older than {Retention}")]
    private partial void LogPurged(int count, TimeSpan retention);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Deleting old raw reporting facts failed; trying again in an hour")]
    private partial void LogPurgeFailed(Exception exception);
}
