using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Server.Reporting;
using Parley.Server.Storage;
using Parley.Server.Tests.Storage;
using static Parley.Server.Tests.Reporting.QueueReportScenario;
using K = Parley.Server.Storage.ReportEventKinds;

namespace Parley.Server.Tests.Reporting;

/// <summary>
/// The queue projection and the queue reports against a hand-computed scenario (<see cref="QueueReportScenario"/>),
/// on every provider (<see cref="SqliteQueueReportTests"/>, <see cref="PostgresQueueReportTests"/>). Each test gets a
/// fresh, migrated database; the facts are inserted as the recording writes them, then the real projection folds them.
/// </summary>
public abstract class QueueReportSpecification : IAsyncLifetime
{
    private TestDatabase? _database;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private TestDatabase Database => _database!;
    private TestDbContextFactory Factory => new(Database);
    private QueueReports Reports => new(Factory);

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await using var context = Database.CreateContext();
        await context.Database.MigrateAsync();
        context.AddRange(Setup());
        await context.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_queue_report_at_15_minutes_matches_the_hand_computed_morning()
    {
        await FoldAsync(Facts());

        var rows = await Reports.QueuesAsync(new ReportFilter(Morning, Morning.AddMinutes(15)));

        Assert.Equal([("sales", Morning), ("support", Morning)], rows.Select(r => (r.Queue, r.IntervalStart)));
        var support = rows.Single(r => r.Queue == "support");
        // Entries: C1–C7 arrived. Offers to agents: C1's one offer.
        Assert.Equal((7, 7, 0, 0, 0, 1), (support.Offered, support.Arrivals, support.TransfersIn, support.OverflowsIn, support.Returned, support.OffersToAgents));
        // Answered C1 (10 s), C2 (30 s), C6 (5 s); within 20 s: C1, C6. Abandoned C3 (3 s, short), C4 (60 s). Expired C5.
        Assert.Equal((3, 2, 2, 1, 1), (support.Answered, support.AnsweredWithinServiceLevel, support.Abandoned, support.ShortAbandoned, support.Expired));
        // C6 went to sales, C7 overflowed there.
        Assert.Equal((1, 0, 1), (support.TransfersOut, support.TransfersToAgent, support.OverflowsOut));
        // Service level = 2 ÷ (3 answered + (2 − 1) abandoned after 5 s + 1 expired) = 2 ÷ 5.
        Assert.Equal((0.4, 0.8, 20), (support.ServiceLevel, support.ServiceLevelTarget, support.ServiceLevelSeconds));
        // ASA = (10 + 30 + 5) ÷ 3 = 15 s; p90 = the third of three waits (30 s) lies in the 30–45 s bucket: 45 s.
        // Longest wait: C5's 300 s before it expired.
        Assert.Equal((15.0, 45.0, 300.0), (support.AsaSeconds, support.AsaP90Seconds, support.LongestWaitSeconds));
        // First responses 30, 10, 20 s: mean 20 s, p90 in the 30–45 s bucket.
        Assert.Equal((20.0, 45.0), (support.FirstResponseSeconds, support.FirstResponseP90Seconds));
        // Agent segments closed in support: C1 ended (300 s), C2 ended (600 s), C6 handed over (120 s): mean 340 s,
        // p90 in the 600–900 s bucket. AHT adds C1's 30 s wrap-up: (1,020 + 30) ÷ 3 = 350 s.
        Assert.Equal((3, 340.0, 900.0, 350.0), (support.Handled, support.HandleSeconds, support.HandleP90Seconds, support.AhtSeconds));
        // Ended with an agent: C1, C2; both offered the survey and were rated 5 and 3: mean 4, every survey answered.
        Assert.Equal((2, 2, 2, 4.0, 1.0), (support.Ended, support.SurveysOffered, support.Ratings, support.Satisfaction, support.SurveyResponseRate));
        Assert.Equal((0, 0, 1, 0, 1), (support.Rated1, support.Rated2, support.Rated3, support.Rated4, support.Rated5));

        var sales = rows.Single(r => r.Queue == "sales");
        // Entries: C6 by a transfer, C7 by an overflow, both in the 09:00 bucket (they entered sales at 09:07 and 09:12).
        Assert.Equal((2, 0, 1, 1), (sales.Offered, sales.Arrivals, sales.TransfersIn, sales.OverflowsIn));
        // Answered C6 (30 s) and C7 (10 s), both within sales' 30 s: 2 ÷ 2. ASA 20 s; p90 45 s capped by the longest wait, 30 s.
        Assert.Equal((2, 2, 1.0, 0.9, 30), (sales.Answered, sales.AnsweredWithinServiceLevel, sales.ServiceLevel, sales.ServiceLevelTarget, sales.ServiceLevelSeconds));
        Assert.Equal((20.0, 30.0, 30.0), (sales.AsaSeconds, sales.AsaP90Seconds, sales.LongestWaitSeconds));
        // Handle: C6 180 s, C7 480 s: mean 330 s, no wrap-up. One survey (C6), no rating: a response rate of 0.
        Assert.Equal((2, 330.0, 330.0, 10.0), (sales.Handled, sales.HandleSeconds, sales.AhtSeconds, sales.FirstResponseSeconds));
        Assert.Equal((1, 0, null, 0.0), (sales.SurveysOffered, sales.Ratings, sales.Satisfaction, sales.SurveyResponseRate));
        // C7 was closed by the customer's silence; nothing in support was.
        Assert.Equal((1, 0), (sales.InactivityClosed, support.InactivityClosed));
        // sales has no calendar: no business-hours figures.
        Assert.Equal((null, null), (sales.BusinessAsaSeconds, sales.BusinessHandleSeconds));
    }

    [Fact]
    public async Task Business_hours_variants_count_only_the_time_the_queues_calendar_is_open()
    {
        await FoldAsync(Facts());

        var support = Assert.Single(await Reports.QueuesAsync(new ReportFilter(Morning, Morning.AddMinutes(15), Queues: ["support"])));

        // support opens at 09:02 UTC. Waits before it: C1 and C2 waited while closed (0 s), C6 waited 5 s open:
        // (0 + 0 + 5) ÷ 3. Handle: C1 09:00:10–09:05:10 → 190 s open, C2 09:01:30–09:11:30 → 570 s, C6 120 s.
        Assert.Equal(5 / 3.0, support.BusinessAsaSeconds!.Value, 9);
        Assert.Equal((190 + 570 + 120) / 3.0, support.BusinessHandleSeconds!.Value, 9);
    }

    [Fact]
    public async Task An_hour_and_a_day_in_Amsterdam_hold_the_same_morning_at_the_zones_offset()
    {
        await FoldAsync(Facts());
        var day = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.FromHours(1));

        var hours = await Reports.QueuesAsync(new ReportFilter(day, day.AddDays(1), ReportInterval.Hour, "Europe/Amsterdam", Queues: ["support"]));
        var days = await Reports.QueuesAsync(new ReportFilter(day, day.AddDays(1), ReportInterval.Day, "Europe/Amsterdam", Queues: ["support"]));

        var hour = Assert.Single(hours);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(1)), hour.IntervalStart);
        Assert.Equal(TimeSpan.FromHours(1), hour.IntervalStart.Offset);
        var whole = Assert.Single(days);
        Assert.Equal(day, whole.IntervalStart);
        Assert.Equal((7, 3, 0.4, 15.0), (hour.Offered, hour.Answered, hour.ServiceLevel, hour.AsaSeconds));
        Assert.Equal((7, 3, 0.4, 15.0), (whole.Offered, whole.Answered, whole.ServiceLevel, whole.AsaSeconds));
    }

    [Fact]
    public async Task A_DST_day_in_Amsterdam_lasts_25_hours_at_1d_and_shows_its_repeated_hour_twice_at_1h()
    {
        // Sunday 2026-10-25: clocks go back at 03:00 CEST (01:00 UTC) to 02:00 CET; the local day runs 24 Oct 22:00 UTC
        // → 25 Oct 23:00 UTC. Arrivals, in UTC (local): 21:30 on the 24th (23:30 on the 24th), 22:30 (00:30), 00:30
        // (02:30 CEST), 01:30 (02:30 CET, the hour again), 22:30 on the 25th (23:30 on the 25th).
        var origin = new DateTimeOffset(2026, 10, 24, 21, 30, 0, TimeSpan.Zero);
        double[] hoursAfter = [0, 1, 3, 4, 25];
        await FoldAsync([.. hoursAfter.Select((h, i) => Queued(new Guid(i + 100, 0, 0, new byte[8]), h * 3600, "support", origin: origin))]);
        var amsterdam = "Europe/Amsterdam";
        var from = new DateTimeOffset(2026, 10, 24, 0, 0, 0, TimeSpan.FromHours(2));
        var to = new DateTimeOffset(2026, 10, 26, 0, 0, 0, TimeSpan.FromHours(1));

        var days = await Reports.QueuesAsync(new ReportFilter(from, to, ReportInterval.Day, amsterdam));
        var hours = await Reports.QueuesAsync(new ReportFilter(from, to, ReportInterval.Hour, amsterdam));

        Assert.Equal(
            [(new DateTimeOffset(2026, 10, 24, 0, 0, 0, TimeSpan.FromHours(2)), 1), (new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.FromHours(2)), 4)],
            days.Select(d => (d.IntervalStart, d.Offered)));
        Assert.Equal(
            [
                new DateTimeOffset(2026, 10, 24, 23, 0, 0, TimeSpan.FromHours(2)),
                new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.FromHours(2)),
                new DateTimeOffset(2026, 10, 25, 2, 0, 0, TimeSpan.FromHours(2)),
                new DateTimeOffset(2026, 10, 25, 2, 0, 0, TimeSpan.FromHours(1)),
                new DateTimeOffset(2026, 10, 25, 23, 0, 0, TimeSpan.FromHours(1)),
            ],
            hours.Select(h => h.IntervalStart));
        Assert.Equal([TimeSpan.FromHours(2), TimeSpan.FromHours(1)], hours.Where(h => h.IntervalStart.Hour == 2).Select(h => h.IntervalStart.Offset));
    }

    [Fact]
    public async Task A_chat_put_back_by_an_agent_going_offline_and_assigned_by_a_supervisor_is_two_answered_entries()
    {
        // C9 arrives in support at 09:00, alice answers after 4 s, goes offline at 09:02:04 (the chat goes back with her
        // 120 s), a supervisor assigns it to bob 10 s later (a forced assignment of a waiting chat), bob ends it at 09:05:14.
        var c9 = Guid.NewGuid();
        await FoldAsync(
        [
            Queued(c9, 0, "support"),
            Fact(K.Accepted, c9, 4, "support", 0, agent: "alice", detail: "offer", duration: 4),
            Fact(K.Queued, c9, 124, "support", 124, agent: "alice", detail: "agentOffline", duration: 120),
            Fact(K.Accepted, c9, 134, "support", 124, agent: "bob", detail: "forced", duration: 10),
            Fact(K.Ended, c9, 314, "support", 124, agent: "bob", detail: "agent", duration: 180),
        ]);

        var support = Assert.Single(await Reports.QueuesAsync(new ReportFilter(Morning, Morning.AddMinutes(15))));
        var row = Assert.Single(await Reports.ConversationsAsync(new ReportFilter(Morning, Morning.AddMinutes(15))).ToListAsync());

        // Two entries (the arrival and the return), each answered within 20 s; alice's 120 s and bob's 180 s handled.
        Assert.Equal((2, 1, 1, 2, 2, 1.0), (support.Offered, support.Arrivals, support.Returned, support.Answered, support.AnsweredWithinServiceLevel, support.ServiceLevel));
        Assert.Equal((7.0, 2, 150.0, 1), (support.AsaSeconds, support.Handled, support.HandleSeconds, support.Ended));
        Assert.Equal(("bob", "answered", 14.0, 300.0, Morning.AddSeconds(4)), (row.Agent, row.Outcome, row.WaitSeconds, row.HandleSeconds, row.AnsweredAt!.Value));
    }

    [Fact]
    public async Task The_conversation_rows_add_up_each_chats_queues_and_agents()
    {
        await FoldAsync(Facts());

        var rows = await Reports.ConversationsAsync(new ReportFilter(Morning, Morning.AddMinutes(15))).ToListAsync();

        Assert.Equal([C1, C2, C3, C4, C5, C6, C7], rows.Select(r => r.Id));
        var c1 = rows[0];
        Assert.Equal(("support", "support", "alice", "answered", "agent"), (c1.FirstQueue, c1.LastQueue, c1.Agent, c1.Outcome, c1.EndedBy));
        Assert.Equal((10.0, 30.0, 300.0, 30.0, 5), (c1.WaitSeconds, c1.FirstResponseSeconds, c1.HandleSeconds, c1.WrapUpSeconds, c1.Rating));
        Assert.Equal((Morning.AddSeconds(10), Morning.AddSeconds(310)), (c1.AnsweredAt!.Value, c1.EndedAt!.Value));
        Assert.Equal(("ams", "edge-1", "chat"), (c1.Site, c1.Edge, c1.Medium));
        Assert.Equal((0.0, 190.0), (c1.BusinessWaitSeconds, c1.BusinessHandleSeconds));
        Assert.Equal(("abandoned", true, 3.0), (rows[2].Outcome, rows[2].ShortAbandon, rows[2].WaitSeconds));
        Assert.Equal(("abandoned", false, 60.0), (rows[3].Outcome, rows[3].ShortAbandon, rows[3].WaitSeconds));
        Assert.Equal(("expired", "system", 300.0, null), (rows[4].Outcome, rows[4].EndedBy, rows[4].WaitSeconds, rows[4].AnsweredAt));
        // C6: 5 s in support and 30 s in sales; alice's 120 s and carol's 180 s; one transfer; the first answer's time.
        var c6 = rows[5];
        Assert.Equal(("support", "sales", "carol", "answered", 1, 0), (c6.FirstQueue, c6.LastQueue, c6.Agent, c6.Outcome, c6.Transfers, c6.Overflows));
        Assert.Equal((35.0, 300.0, 20.0, Morning.AddSeconds(305)), (c6.WaitSeconds, c6.HandleSeconds, c6.FirstResponseSeconds, c6.AnsweredAt!.Value));
        var c7 = rows[6];
        Assert.Equal(("support", "sales", 0, 1, 130.0, 480.0), (c7.FirstQueue, c7.LastQueue, c7.Transfers, c7.Overflows, c7.WaitSeconds, c7.HandleSeconds));
    }

    [Fact]
    public async Task The_drill_down_narrows_by_outcome_queue_and_agent()
    {
        await FoldAsync(Facts());
        var morning = new ReportFilter(Morning, Morning.AddMinutes(15));

        Assert.Equal([C3, C4], await Ids(morning, "abandoned"));
        Assert.Equal([C3], await Ids(morning, "shortAbandoned"));
        Assert.Equal([C5], await Ids(morning, "expired"));
        Assert.Equal([C6, C7], await Ids(morning with { Queues = ["sales"] }, null));
        Assert.Equal([C6, C7], await Ids(morning with { Agents = ["carol"] }, "answered"));
        Assert.Empty(await Ids(morning with { Sites = ["dub"] }, null));
        Assert.Empty(await Ids(new ReportFilter(Morning.AddMinutes(15), Morning.AddMinutes(30)), null));
    }

    [Fact]
    public async Task A_new_projection_continues_from_the_stored_position_and_counts_nothing_twice()
    {
        var facts = Facts();
        await FoldAsync(facts[..17]);
        var stopped = await PositionAsync();

        // A restart: a new projection on the same database folds the rest, then finds nothing more.
        await FoldAsync(facts[17..]);
        var again = await Projection().CatchUpAsync(CancellationToken.None);

        Assert.Equal(0, again);
        Assert.True(await PositionAsync() > stopped);
        var support = (await Reports.QueuesAsync(new ReportFilter(Morning, Morning.AddMinutes(15), Queues: ["support"]))).Single();
        Assert.Equal((7, 3, 2, 1, 0.4, 15.0, 350.0, 4.0), (support.Offered, support.Answered, support.Abandoned, support.Expired, support.ServiceLevel, support.AsaSeconds, support.AhtSeconds, support.Satisfaction));
        await using var context = Database.CreateContext();
        Assert.Equal(7, await context.ReportConversations.CountAsync());
    }

    [Fact]
    public async Task The_wallboard_counts_since_local_midnight_and_in_the_last_two_buckets()
    {
        // C8 entered support at 08:40 UTC (09:40 in Amsterdam: today, but before the last 30 minutes), answered after 25 s.
        var c8 = Guid.NewGuid();
        var early = Morning.AddMinutes(-20);
        await FoldAsync([.. Facts(), Queued(c8, 0, "support", origin: early), Fact(K.Accepted, c8, 25, "support", 0, agent: "bob", detail: "offer", duration: 25, origin: early)]);

        var board = await Reports.WallboardAsync(Morning.AddMinutes(21), "Europe/Amsterdam");

        Assert.Equal(["sales", "support"], board.Select(q => q.Queue));
        var support = board.Single(q => q.Queue == "support");
        // Today: answered C1, C2, C6, C8 (within 20 s: C1, C6); abandoned after 5 s: C4; expired: C5 → 2 ÷ 6.
        // The last 30 minutes (the 09:15 and 09:00 buckets) leave C8 out: 2 ÷ 5.
        Assert.Equal(2 / 6.0, support.ServiceLevelToday!.Value, 9);
        Assert.Equal(0.4, support.ServiceLevelLast30Minutes);
        // ASA today (10 + 30 + 5 + 25) ÷ 4; abandoned C3 and C4; handled (ended with an agent) C1 and C2; offered 8.
        Assert.Equal((17.5, 2, 4, 2, 8, 0.8, "SUPPORT"), (support.AsaSecondsToday, support.AbandonedToday, support.AnsweredToday, support.HandledToday, support.OfferedToday, support.ServiceLevelTarget, support.DisplayName));
        var sales = board.Single(q => q.Queue == "sales");
        Assert.Equal((1.0, 1.0, 0.9), (sales.ServiceLevelToday, sales.ServiceLevelLast30Minutes, sales.ServiceLevelTarget));
    }

    private QueueProjection Projection() =>
        new(Factory, new ReportLogSignal(), TimeProvider.System, NullLogger<QueueProjection>.Instance);

    private async Task FoldAsync(IEnumerable<ReportEventRecord> facts)
    {
        await using (var context = Database.CreateContext())
        {
            context.ReportEvents.AddRange(facts);
            await context.SaveChangesAsync();
        }

        await Projection().CatchUpAsync(CancellationToken.None);
    }

    private async Task<long> PositionAsync()
    {
        await using var context = Database.CreateContext();
        return (await context.ReportProjections.SingleAsync(p => p.Name == QueueProjection.Name)).Position;
    }

    private async Task<List<Guid>> Ids(ReportFilter filter, string? outcome) =>
        await Reports.ConversationsAsync(filter, outcome).Select(r => r.Id).ToListAsync();
}
