using Parley.Server.Reporting;

namespace Parley.ReportBench.Timing;

/// <summary>
/// Every report of the product for one month, as the REST endpoints and pages ask for them: queues and agents at
/// 15 minutes (all, and one), and by day; shifts; one agent's activity; the conversations (all, and a drill-down); the
/// wallboard. Each reads all its rows.
/// </summary>
public static class MonthReports
{
    public static IReadOnlyList<TimedReport> For(ProductReports reports, ReportFilter month, string queue, string agent) =>
    [
        new("queues, 15 min", async ct => (await reports.Queues.QueuesAsync(month, ct)).Count),
        new("queues, 15 min, one queue", async ct => (await reports.Queues.QueuesAsync(month with { Queues = [queue] }, ct)).Count),
        new("queues, 1 day", async ct => (await reports.Queues.QueuesAsync(month with { Interval = ReportInterval.Day }, ct)).Count),
        new("agents, 15 min", ct => CountAsync(reports.Agents.AgentsAsync(month, ct))),
        new("agents, 15 min, one agent", ct => CountAsync(reports.Agents.AgentsAsync(month with { Agents = [agent] }, ct))),
        new("agents, 1 day (to the shift's start day)", ct => CountAsync(reports.Agents.AgentsAsync(month with { Interval = ReportInterval.Day }, ct))),
        new("shifts", ct => CountAsync(reports.Agents.ShiftsAsync(month, ct))),
        new("agent activity, one agent", ct => CountAsync(reports.Agents.ActivityAsync(agent, month.From, month.To, month.TimeZone, ct))),
        new("conversations", ct => CountAsync(reports.Queues.ConversationsAsync(month, cancellationToken: ct))),
        new("conversations, one queue, abandoned (drill-down)", ct => CountAsync(reports.Queues.ConversationsAsync(month with { Queues = [queue] }, "abandoned", ct))),
        // At 18:00 on the last day, so that "today" has a day of figures (at the range end it has just begun).
        new("wallboard", async ct => (await reports.Queues.WallboardAsync(reports.Now.AddHours(-6), month.TimeZone, ct)).Count),
    ];

    private static async Task<long> CountAsync<T>(IAsyncEnumerable<T> rows)
    {
        long count = 0;
        await foreach (var _ in rows)
        {
            count++;
        }

        return count;
    }
}
