using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Storage;

namespace Parley.Server.Reporting;

/// <summary>
/// The queue and conversation reports: named queries that the endpoints, the pages, the wallboard and the tests share.
/// They read the queue projection's tables (never the raw facts). docs/reporting.md gives every formula.
/// </summary>
public sealed class QueueReports(IDbContextFactory<ParleyDbContext> db)
{
    /// <summary>The outcomes a conversation row can have (<c>outcome=</c> of the drill-down).</summary>
    public static readonly IReadOnlyList<string> Outcomes = ["waiting", "answered", "abandoned", "shortAbandoned", "expired", "ended"];

    /// <summary>One row per queue and interval that has anything, in queue then interval order.</summary>
    public async Task<IReadOnlyList<QueueReportRow>> QueuesAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var intervals = new ReportIntervals(filter.Interval, filter.TimeZone);
        var (from, to) = intervals.Span(filter.From, filter.To);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var settings = await SettingsAsync(context, cancellationToken);
        var rows = Narrow(context.ReportQueueIntervals.AsNoTracking().Where(r => r.Bucket >= from && r.Bucket < to), filter);

        // A bucket's interval, worked out once per bucket (every queue shares them).
        var starts = new Dictionary<long, long>();
        var sums = new Dictionary<(string Queue, long Start), QueueTotals>();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!starts.TryGetValue(row.Bucket, out var start))
            {
                start = intervals.StartOf(row.Bucket);
                starts[row.Bucket] = start;
            }

            if (!sums.TryGetValue((row.Queue, start), out var totals))
            {
                totals = new QueueTotals();
                sums[(row.Queue, start)] = totals;
            }

            totals.Add(row);
        }

        return
        [
            .. sums.OrderBy(s => s.Key.Queue, StringComparer.Ordinal).ThenBy(s => s.Key.Start)
                .Select(s => s.Value.ToRow(s.Key.Queue, intervals.Show(s.Key.Start), settings.GetValueOrDefault(s.Key.Queue) ?? QueueTarget.Default)),
        ];
    }

    /// <summary>
    /// One row per conversation that entered a queue in [from, to) (its first entry), in that order, streamed from the
    /// database; narrowed to a queue (first or last), an agent (the last), a site, edge, medium, and an outcome.
    /// </summary>
    public async IAsyncEnumerable<ConversationReportRow> ConversationsAsync(
        ReportFilter filter, string? outcome = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var from = filter.From.ToUnixTimeMilliseconds();
        var to = filter.To.ToUnixTimeMilliseconds();
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var rows = context.ReportConversations.AsNoTracking().Where(c => c.QueuedAt >= from && c.QueuedAt < to);
        if (filter.Queues is { Count: > 0 } queues)
        {
            rows = rows.Where(c => queues.Contains(c.FirstQueue) || queues.Contains(c.LastQueue));
        }

        if (filter.Agents is { Count: > 0 } agents)
        {
            rows = rows.Where(c => c.Agent != null && agents.Contains(c.Agent));
        }

        if (filter.Sites is { Count: > 0 } sites)
        {
            rows = rows.Where(c => c.Site != null && sites.Contains(c.Site));
        }

        if (filter.Edges is { Count: > 0 } edges)
        {
            rows = rows.Where(c => c.Edge != null && edges.Contains(c.Edge));
        }

        if (filter.Media is { Count: > 0 } media)
        {
            rows = rows.Where(c => c.Medium != null && media.Contains(c.Medium));
        }

        if (filter.WrapUpCode is { } code)
        {
            rows = rows.Where(c => c.WrapUpCode == code);
        }

        if (filter.Tag is { } tag)
        {
            rows = rows.Where(c => context.ReportConversationTags.Any(t => t.ConversationId == c.Id && t.Tag == tag));
        }

        rows = outcome switch
        {
            null => rows,
            "shortAbandoned" => rows.Where(c => c.Outcome == "abandoned" && c.ShortAbandon),
            _ => rows.Where(c => c.Outcome == outcome),
        };

        // Each row with its tags (one query: a join on the tags' key, streamed in order); where nobody ever tagged a
        // chat, the export reads the rows alone, as fast as before tags existed.
        var ordered = rows.OrderBy(c => c.QueuedAt).ThenBy(c => c.Id);
        var tagged = await context.ReportConversationTags.AnyAsync(cancellationToken)
            ? ordered.Select(c => new { Row = c, Tags = context.ReportConversationTags.Where(t => t.ConversationId == c.Id).Select(t => t.Tag).ToList() })
            : ordered.Select(c => new { Row = c, Tags = new List<string>() });
        await foreach (var (c, tags) in tagged.AsAsyncEnumerable().Select(x => (x.Row, x.Tags)).WithCancellation(cancellationToken))
        {
            yield return new ConversationReportRow(
                c.Id, c.FirstQueue, c.LastQueue, c.Medium, c.Site, c.Edge,
                DateTimeOffset.FromUnixTimeMilliseconds(c.QueuedAt), Time(c.AnsweredAt), c.Agent,
                c.WaitMs / 1000.0, Seconds(c.FirstResponseMs), Seconds(c.HandleMs), Seconds(c.WrapUpMs),
                Time(c.EndedAt), c.EndedBy, c.Outcome, c.ShortAbandon, c.Transfers, c.Overflows, c.Rating,
                Seconds(c.BusinessWaitMs), Seconds(c.BusinessHandleMs), c.WrapUpCode, [.. tags.Order(StringComparer.Ordinal)]);
        }
    }

    /// <summary>
    /// Every queue's figures for the wallboard: today since local midnight in <paramref name="timeZone"/>, and the last
    /// 30 minutes (the current 15-minute bucket and the one before, so 15 to 30 minutes of entries).
    /// </summary>
    public async Task<IReadOnlyList<WallboardQueueRow>> WallboardAsync(DateTimeOffset now, string timeZone, CancellationToken cancellationToken = default)
    {
        var days = new ReportIntervals(ReportInterval.Day, timeZone);
        var midnight = days.StartOf(now.ToUnixTimeMilliseconds());
        var recent = ReportIntervals.BucketOf(now.ToUnixTimeMilliseconds()) - ReportIntervals.BucketMs;
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var queues = await context.Queues.AsNoTracking().OrderBy(q => q.Name)
            .Select(q => new { q.Name, q.DisplayName, q.ServiceLevelSeconds, q.ServiceLevelTarget })
            .ToListAsync(cancellationToken);
        var today = new Dictionary<string, QueueTotals>();
        var last30 = new Dictionary<string, QueueTotals>();
        var rows = context.ReportQueueIntervals.AsNoTracking().Where(r => r.Bucket >= Math.Min(midnight, recent));
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (row.Bucket >= midnight)
            {
                Totals(today, row.Queue).Add(row);
            }

            if (row.Bucket >= recent)
            {
                Totals(last30, row.Queue).Add(row);
            }
        }

        return
        [
            .. queues.Select(q =>
            {
                var day = today.GetValueOrDefault(q.Name) ?? new QueueTotals();
                return new WallboardQueueRow(
                    q.Name, q.DisplayName, day.ServiceLevel, last30.GetValueOrDefault(q.Name)?.ServiceLevel, q.ServiceLevelTarget, q.ServiceLevelSeconds,
                    day.AsaSeconds, day.Sum.Abandoned, day.Sum.Answered, day.Sum.Ended, day.Sum.Offered);
            }),
        ];
    }

    private static QueueTotals Totals(Dictionary<string, QueueTotals> totals, string queue)
    {
        if (!totals.TryGetValue(queue, out var t))
        {
            t = new QueueTotals();
            totals[queue] = t;
        }

        return t;
    }

    private static IQueryable<ReportQueueIntervalRecord> Narrow(IQueryable<ReportQueueIntervalRecord> rows, ReportFilter filter)
    {
        if (filter.Queues is { Count: > 0 } queues)
        {
            rows = rows.Where(r => queues.Contains(r.Queue));
        }

        if (filter.Sites is { Count: > 0 } sites)
        {
            rows = rows.Where(r => sites.Contains(r.Site));
        }

        if (filter.Edges is { Count: > 0 } edges)
        {
            rows = rows.Where(r => edges.Contains(r.Edge));
        }

        if (filter.Media is { Count: > 0 } media)
        {
            rows = rows.Where(r => media.Contains(r.Medium));
        }

        return rows;
    }

    private static async Task<Dictionary<string, QueueTarget>> SettingsAsync(ParleyDbContext context, CancellationToken cancellationToken) =>
        await context.Queues.AsNoTracking()
            .Select(q => new { q.Name, q.ServiceLevelSeconds, q.ServiceLevelTarget })
            .ToDictionaryAsync(q => q.Name, q => new QueueTarget(q.ServiceLevelSeconds, q.ServiceLevelTarget), StringComparer.Ordinal, cancellationToken);

    private static DateTimeOffset? Time(long? unixMs) => unixMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private static double? Seconds(long? ms) => ms / 1000.0;
}
