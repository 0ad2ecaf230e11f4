using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Server.Audit;
using Parley.Server.Contracts;
using Parley.Server.Queues;
using Parley.Server.Storage;

namespace Parley.Server.Privacy;

/// <summary>
/// Applies each queue's <see cref="QueueDefinition.RetentionDays"/>: every <see cref="RetentionOptions.SweepInterval"/>,
/// ended conversations of the queue whose end is older than that are purged (<see cref="ConversationPurge"/>) and the
/// removal is written to the audit log (actor <c>system</c>).
/// </summary>
public sealed partial class ConversationRetention(
    IDbContextFactory<ParleyDbContext> db, QueueCatalog queues, ConversationPurge purge, AuditLog audit,
    IOptions<RetentionOptions> options, TimeProvider time, ILogger<ConversationRetention> logger) : BackgroundService
{
    public const string Actor = "system";
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            do
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogSweepFailed(e); // the next round tries again
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Purges what is due now, queue by queue; answers what went.</summary>
    public async Task<PurgeCount> SweepAsync(CancellationToken cancellationToken)
    {
        var total = PurgeCount.None;
        foreach (var queue in queues.All.Where(q => q.RetentionDays is not null))
        {
            var cutoff = time.GetUtcNow() - TimeSpan.FromDays(queue.RetentionDays!.Value);
            var due = await DueAsync(queue.Name, cutoff, cancellationToken);
            var removed = PurgeCount.None;
            foreach (var batch in due.Chunk(BatchSize))
            {
                removed = removed.Add(await purge.PurgeAsync(batch, cancellationToken));
            }

            if (removed.Conversations > 0)
            {
                await audit.RecordAsync(Actor, AuditActions.RetentionApplied, AuditActions.Subject("queue", queue.Name), null,
                    new { queue.RetentionDays, removed.Conversations, removed.Messages, removed.Files, removed.Mails }, cancellationToken);
                LogPurged(removed.Conversations, queue.Name, queue.RetentionDays.Value);
            }

            total = total.Add(removed);
        }

        return total;
    }

    // SQLite cannot compare the stored DateTimeOffset in a query: the ended conversations' ends are compared here.
    private async Task<List<Guid>> DueAsync(string queue, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var ended = await context.Conversations.AsNoTracking()
            .Where(c => c.Queue == queue && c.State == ConversationState.Ended && c.EndedAt != null)
            .Select(c => new { c.Id, c.EndedAt }).ToListAsync(cancellationToken);
        return [.. ended.Where(c => c.EndedAt < cutoff).Select(c => c.Id)];
    }

    [LoggerMessage(EventId = 7302, Level = LogLevel.Information, Message = "Removed {Count} conversations of {Queue} ended more than {Days} days ago")]
    private partial void LogPurged(int count, string queue, int days);

    [LoggerMessage(EventId = 7303, Level = LogLevel.Warning, Message = "Applying the queues' retention failed; trying again at the next round")]
    private partial void LogSweepFailed(Exception exception);
}
