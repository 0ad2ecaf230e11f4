using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Calendars;
using Parley.Server.Storage;

namespace Parley.Server.Reporting;

/// <summary>
/// Folds the conversation facts of the event log into <c>report_conversations</c> and <c>report_queue_intervals</c>
/// (core only). Each batch of facts after its position is folded and written with the new position in one
/// transaction (SaveChanges), so a crash neither loses nor counts a fact twice. It runs when the log's writer wakes it
/// and at least every <see cref="Poll"/>.
/// </summary>
public sealed partial class QueueProjection(
    IDbContextFactory<ParleyDbContext> db, ReportLogSignal signal, TimeProvider time, ILogger<QueueProjection> logger, WriteTurns? turns = null) : BackgroundService
{
    /// <summary>The row of <c>report_projections</c>.</summary>
    public const string Name = "queues";

    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>The least time between two folds that found facts.</summary>
    public static readonly TimeSpan FoldGap = TimeSpan.FromSeconds(1);

    /// <summary>Facts per transaction: large enough to catch up fast, small enough to keep a batch's memory flat.</summary>
    public const int BatchSize = 2_000;

    // Subscribed once, when the projection is made (a wake before the loop starts is kept).
    private readonly ChannelReader<bool> _wakes = signal.Subscribe();
    private readonly SemaphoreSlim _folding = new(1, 1);

    /// <summary>Folds every fact committed so far; returns how many it read. Tests and benchmarks call it directly.</summary>
    public async Task<long> CatchUpAsync(CancellationToken cancellationToken)
    {
        // One fold at a time (the hosted loop and a caller): each reads the position the other wrote.
        await _folding.WaitAsync(cancellationToken);
        try
        {
            long total = 0;
            while (await FoldBatchAsync(cancellationToken) is var read and > 0)
            {
                total += read;
            }

            return total;
        }
        finally
        {
            _folding.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    if (await CatchUpAsync(stoppingToken) > 0)
                    {
                        // Under load, fold at most about once a FoldGap: each fold is a write transaction beside the
                        // group commit's (SQLite has one writer), and figures a second old serve every report. Real
                        // time: a throttle, not part of any figure. An idle projection still answers the first wake at once.
                        await Task.Delay(FoldGap, stoppingToken);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFoldFailed(e);
                }

                using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(Task.Delay(Poll, time, either.Token), _wakes.WaitToReadAsync(either.Token).AsTask());
                await either.CancelAsync();
                _wakes.TryRead(out _);
                stoppingToken.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task<int> FoldBatchAsync(CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var position = await context.ReportProjections.SingleOrDefaultAsync(p => p.Name == Name, cancellationToken);
        if (position is null)
        {
            position = new ReportProjectionRecord { Name = Name };
            context.ReportProjections.Add(position);
        }

        var facts = await context.ReportEvents.AsNoTracking()
            .Where(e => e.Id > position.Position)
            .OrderBy(e => e.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (facts.Count == 0)
        {
            return 0;
        }

        var fold = new QueueFold(context, await SettingsAsync(context, cancellationToken));
        await fold.LoadAsync(facts, cancellationToken);
        foreach (var fact in facts)
        {
            fold.Apply(fact);
        }

        fold.Finish();
        position.Position = facts[^1].Id;
        using (await (turns ?? WriteTurns.None).TakeAsync(cancellationToken))
        {
            await context.SaveChangesAsync(cancellationToken);
        }

        LogFolded(facts.Count, position.Position);
        return facts.Count;
    }

    // The queues' reporting settings and calendars as they are now: a change applies to the facts folded after it.
    private static async Task<Dictionary<string, QueueFold.QueueSettings>> SettingsAsync(ParleyDbContext context, CancellationToken cancellationToken)
    {
        var queues = await context.Queues.AsNoTracking()
            .Select(q => new { q.Name, q.ServiceLevelSeconds, q.ShortAbandonSeconds, q.Calendar })
            .ToListAsync(cancellationToken);
        var names = queues.Where(q => q.Calendar != null).Select(q => q.Calendar!).Distinct().ToList();
        var calendars = names.Count == 0
            ? []
            : (await context.Calendars.AsNoTracking().Where(c => names.Contains(c.Name)).ToListAsync(cancellationToken))
                .ToDictionary(c => c.Name, c => BusinessCalendar.Create(c.ToDefinition()), StringComparer.Ordinal);
        return queues.ToDictionary(
            q => q.Name,
            q => new QueueFold.QueueSettings(q.ServiceLevelSeconds * 1000L, q.ShortAbandonSeconds * 1000L, q.Calendar is { } c ? calendars.GetValueOrDefault(c) : null),
            StringComparer.Ordinal);
    }

    public override void Dispose()
    {
        _folding.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 9110, Level = LogLevel.Error, Message = "Folding report facts into the queue reports failed; the next wake or poll tries again")]
    private partial void LogFoldFailed(Exception exception);

    [LoggerMessage(EventId = 9111, Level = LogLevel.Debug, Message = "Queue reports folded {Count} facts, up to {Position}")]
    private partial void LogFolded(int count, long position);
}
