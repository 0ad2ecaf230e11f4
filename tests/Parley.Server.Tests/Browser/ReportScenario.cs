using Microsoft.EntityFrameworkCore;
using Parley.Server.Reporting;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;
using static Parley.Server.Storage.ReportEventKinds;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// Three chats in one queue, written as facts (the event log's contract) a quarter of an hour ago and folded by the real
/// queue projection: one answered in 10 s (within the 20 s service level), one abandoned after 40 s, one answered in 60 s.
/// Service level = 1 ÷ (2 + 1) = 33 %; answered 2, abandoned 1. Bob and Alice each handled one. Bob's chat got the
/// wrap-up code <c>refund</c>, and both answered chats the tag <c>vip</c>.
/// </summary>
internal sealed record ReportScenario(DateTimeOffset Start, Guid AnsweredQuickly, Guid Abandoned, Guid AnsweredLate)
{
    public static async Task<ReportScenario> SeedAsync(ParleyServer server, string queue)
    {
        var now = DateTimeOffset.UtcNow;
        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        // Today (UTC), and within the wallboard's last 30 minutes unless the day has only just begun.
        var start = now.AddMinutes(-15) > midnight ? now.AddMinutes(-15) : midnight.AddSeconds(1);
        var scenario = new ReportScenario(start, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var t0 = start.ToUnixTimeMilliseconds();
        ReportEventRecord Fact(string kind, Guid id, long at, long queuedAt, string? agent = null, string? detail = null, long? duration = null) =>
            new() { Kind = kind, ConversationId = id, At = at, Queue = queue, QueuedAt = queuedAt, Agent = agent, Detail = detail, DurationMs = duration, Medium = "chat" };

        var (a, b, c) = (scenario.AnsweredQuickly, scenario.Abandoned, scenario.AnsweredLate);
        var (qa, qb, qc) = (t0, t0 + 60_000, t0 + 120_000);
        await using (var context = await server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync())
        {
            context.ReportEvents.AddRange(
                // Bob and Alice signed in a minute before the first chat (the agents report's time in state).
                new ReportEventRecord { Kind = SignedIn, At = qa - 60_000, Agent = "bob", Presence = "Available", Status = "Ready", Active = 0, Capacity = 3 },
                new ReportEventRecord { Kind = SignedIn, At = qa - 60_000, Agent = "alice", Presence = "Available", Status = "Ready", Active = 0, Capacity = 3 },
                Fact(Queued, a, qa, qa, detail: "arrival"),
                Fact(Accepted, a, qa + 10_000, qa, "bob", "offer", 10_000),
                Fact(FirstReply, a, qa + 30_000, qa, "bob", duration: 20_000),
                Fact(Queued, b, qb, qb, detail: "arrival"),
                Fact(ReportEventKinds.Abandoned, b, qb + 40_000, qb, duration: 40_000),
                Fact(Ended, b, qb + 40_000, qb, detail: "customer"),
                Fact(Queued, c, qc, qc, detail: "arrival"),
                Fact(Accepted, c, qc + 60_000, qc, "alice", "offer", 60_000),
                Fact(WrapUpCoded, a, qa + 200_000, qa, "bob", "refund"),
                Fact(TagAdded, a, qa + 200_000, qa, "bob", "vip"),
                Fact(TagAdded, c, qc + 200_000, qc, "alice", "vip"),
                Fact(Ended, a, qa + 300_000, qa, "bob", "customer", 290_000),
                Fact(Ended, c, qc + 600_000, qc, "alice", "agent", 540_000));
            await context.SaveChangesAsync();
        }

        // The projection polls the log: wait until it has folded all three, with their tags.
        var reports = server.Services.GetRequiredService<QueueReports>();
        var day = new ReportFilter(midnight, midnight.AddDays(2), ReportInterval.Day, "UTC", [queue]);
        await Eventually.ThatAsync(
            async () => (await reports.QueuesAsync(day), await reports.ConversationsAsync(day with { Tag = "vip" }).ToListAsync()),
            rows => rows.Item1.Sum(r => r.Answered) == 2 && rows.Item1.Sum(r => r.Abandoned) == 1 && rows.Item2.Count == 2,
            "the queue projection to fold the scenario", TimeSpan.FromSeconds(30));
        return scenario;
    }
}
