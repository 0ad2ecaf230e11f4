using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Accounts;
using Parley.Server.Reporting;
using Parley.Server.Storage;
using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Reporting;

/// <summary>
/// The agent reports against hand-computed scenarios, through the real projection and queries on every provider
/// (<see cref="SqliteAgentReportTests"/>, <see cref="PostgresAgentReportTests"/>). Facts are inserted as the recording
/// writes them (docs/reporting.md); each test gets a fresh database.
/// </summary>
public abstract partial class AgentReportSpecification : IAsyncLifetime
{
    private static readonly DateTimeOffset Day = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    private TestDatabase? _database;
    private FakeTimeProvider _time = new(Day.AddDays(2)); // the reports are asked after the scenarios, unless a test says otherwise

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private TestDatabase Database => _database ?? throw new InvalidOperationException("The test database was not created.");

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await using var context = Database.CreateContext();
        await context.Database.MigrateAsync();
        context.Agents.AddRange(
            new AgentRecord { Username = "alice", DisplayName = "Alice Adams", PasswordHash = "x", Roles = ["agent"], Queues = ["support"] },
            new AgentRecord { Username = "bob", DisplayName = "Bob Baker", PasswordHash = "x", Roles = ["agent"], Queues = ["support"] });
        await context.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    // ---- Alice's morning: time in state across bucket edges, occupancy, chat figures -----------------------------

    /// <summary>
    /// Alice (capacity 2) signs in at 09:05 UTC and out at 10:50. Her states, with chats in progress:
    ///   09:05 Ready 0 · 09:10 Ready 1 (C1) · 09:20 Busy 2 (C3) · 09:25 Ready 1 (C3 transferred to Bob) · 09:30 Ready 0
    ///   (C1 ended) · 09:35 Away "Lunch" · 10:05 Ready 0 · 10:10 Ready 1 (C2) · 10:20 WrapUp 0 (C2 ended) · 10:22 Ready 0
    ///   (wrap-up of 120 s ended) · 10:40 Do not disturb "Training" · 10:50 Offline.
    /// Chats: accepted 09:10 (C1), 09:20 (C3), 10:10 (C2); first replies after 20 s, 5 s, 40 s; C3 transferred at 09:25
    /// after 300 s; C1 ended 09:30 after 1200 s; C2 ended 10:20 after 600 s; ratings 5 (09:40) and 4 (10:21).
    /// </summary>
    private static List<ReportEventRecord> AliceMorning()
    {
        var c1 = Guid.NewGuid();
        var c2 = Guid.NewGuid();
        var c3 = Guid.NewGuid();
        return
        [
            State("signedIn", 9, 5, "Available", "Ready", 0),
            Chat("accepted", 9, 10, c1, duration: 15_000, detail: "offer"),
            State("load", 9, 10, "Available", "Ready", 1),
            Chat("firstReply", 9, 10, c1, duration: 20_000, seconds: 20),
            Chat("accepted", 9, 20, c3, duration: 8_000, detail: "offer"),
            State("load", 9, 20, "Available", "Busy", 2),
            Chat("firstReply", 9, 20, c3, duration: 5_000, seconds: 5),
            Chat("transferred", 9, 25, c3, duration: 300_000, detail: "agent", target: "bob"),
            State("load", 9, 25, "Available", "Ready", 1),
            Chat("ended", 9, 30, c1, duration: 1_200_000, detail: "customer"),
            State("load", 9, 30, "Available", "Ready", 0),
            State("presence", 9, 35, "Away", "Away", 0, reason: "Lunch"),
            Chat("rated", 9, 40, c1, value: 5),
            State("presence", 10, 5, "Available", "Ready", 0),
            Chat("accepted", 10, 10, c2, duration: 3_000, detail: "offer"),
            State("load", 10, 10, "Available", "Ready", 1),
            Chat("firstReply", 10, 10, c2, duration: 40_000, seconds: 40),
            Chat("ended", 10, 20, c2, duration: 600_000, detail: "agent"),
            State("wrapUpStarted", 10, 20, "Available", "WrapUp", 0),
            Chat("rated", 10, 21, c2, value: 4),
            State("wrapUpEnded", 10, 22, "Available", "Ready", 0, duration: 120_000),
            State("presence", 10, 40, "DoNotDisturb", "DoNotDisturb", 0, reason: "Training"),
            State("signedOut", 10, 50, "Offline", "Offline", 0),
        ];
    }

    [Fact]
    public async Task Time_in_each_state_is_split_at_bucket_edges_and_adds_up_per_hour()
    {
        await AddAsync(AliceMorning());
        await CatchUpAsync();

        var rows = await AgentsAsync(ReportInterval.Hour, Day.AddHours(9), Day.AddHours(11));

        // 09:00–10:00: Ready 09:05–09:20 (15) + 09:25–09:35 (10) = 25 min, Busy 09:20–09:25 = 5 min, Away 09:35–10:00 =
        // 25 min; signed in 55 min, offline the other 5. Slots: available 2 × 30 min = 60,
        // used 1×10 (09:10–09:20) + 2×5 + 1×5 = 25 slot-minutes, occupancy 25/60.
        var nine = rows[0];
        Assert.Equal(("alice", "Alice Adams", Day.AddHours(9)), (nine.Agent, nine.DisplayName, nine.IntervalStart));
        Assert.Equal((1500.0, 300.0, 1500.0, 0.0, 0.0, 0.0), (nine.ReadySeconds, nine.BusySeconds, nine.AwaySeconds, nine.WrapUpSeconds, nine.DoNotDisturbSeconds, nine.ExternalBusySeconds));
        Assert.Equal((3300.0, 1800.0, 300.0), (nine.SignedInSeconds, nine.AvailableSeconds, nine.OfflineSeconds));
        Assert.Equal((1500.0, 3600.0, 0.4167), (nine.SlotSecondsUsed, nine.SlotSecondsAvailable, nine.Occupancy));
        Assert.Equal("away:Lunch=1500", nine.Reasons);

        // 10:00–11:00: Away 5 min; Ready 10:05–10:20 (15) + 10:22–10:40 (18) = 33 min; wrap-up 2 min; DND 10 min; signed
        // in 50 min, offline 10. Slots: available 2 × 35 min = 70, used 1 × 10 = 10 slot-minutes.
        var ten = rows[1];
        Assert.Equal(Day.AddHours(10), ten.IntervalStart);
        Assert.Equal((1980.0, 0.0, 300.0, 120.0, 600.0), (ten.ReadySeconds, ten.BusySeconds, ten.AwaySeconds, ten.WrapUpSeconds, ten.DoNotDisturbSeconds));
        Assert.Equal((3000.0, 2100.0, 600.0), (ten.SignedInSeconds, ten.AvailableSeconds, ten.OfflineSeconds));
        Assert.Equal((600.0, 4200.0, 0.1429), (ten.SlotSecondsUsed, ten.SlotSecondsAvailable, ten.Occupancy));
        Assert.Equal("away:Lunch=300;doNotDisturb:Training=600", ten.Reasons);
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task Fifteen_minute_rows_are_the_buckets_and_a_span_across_an_edge_is_split_between_them()
    {
        await AddAsync(AliceMorning());
        await CatchUpAsync();

        var rows = await AgentsAsync(ReportInterval.Minutes15, Day.AddHours(9), Day.AddHours(10));

        // 09:00 Ready 09:05–09:15; 09:15 Ready 09:15–09:20 + 09:25–09:30, Busy 09:20–09:25; 09:30 Ready 09:30–09:35 and
        // Away 09:35–09:45 (the Lunch span starts here and goes on); 09:45 Away all 15 minutes.
        Assert.Equal([Day.AddHours(9), Day.AddMinutes(555), Day.AddMinutes(570), Day.AddMinutes(585)], rows.Select(r => r.IntervalStart));
        Assert.Equal([600.0, 600.0, 300.0, 0.0], rows.Select(r => r.ReadySeconds));
        Assert.Equal([0.0, 300.0, 0.0, 0.0], rows.Select(r => r.BusySeconds));
        Assert.Equal([0.0, 0.0, 600.0, 900.0], rows.Select(r => r.AwaySeconds));
        Assert.Equal([300.0, 0.0, 0.0, 0.0], rows.Select(r => r.OfflineSeconds));
        Assert.Equal([300.0, 1200.0, 0.0, 0.0], rows.Select(r => r.SlotSecondsUsed)); // 1×5 min; 1×5 + 2×5 + 1×5
    }

    [Fact]
    public async Task Chats_handle_time_first_response_transfers_and_ratings_count_for_the_agent_in_the_interval_they_happened()
    {
        await AddAsync(AliceMorning());
        await CatchUpAsync();

        var hours = await AgentsAsync(ReportInterval.Hour, Day.AddHours(9), Day.AddHours(11));
        var day = Assert.Single(await AgentsAsync(ReportInterval.Day, Day, Day.AddDays(1)));

        // 09h: C1 and C3 accepted, C1 handled (1200 s), C3 transferred; first replies 20 s and 5 s; C1 rated 5.
        Assert.Equal((2, 1, 1200.0, 1200.0, 12.5, 1, 5.0, 1), (hours[0].ChatsAccepted, hours[0].ChatsHandled, hours[0].HandleSeconds, hours[0].AhtSeconds, hours[0].FirstResponseSeconds, hours[0].Transfers, hours[0].Satisfaction, hours[0].Ratings));
        // 10h: C2 accepted and handled (600 s) plus its 120 s of wrap-up: AHT 720 s; first reply 40 s; rated 4.
        Assert.Equal((1, 1, 600.0, 120.0, 720.0, 40.0, 0, 4.0), (hours[1].ChatsAccepted, hours[1].ChatsHandled, hours[1].HandleSeconds, hours[1].WrapUpWorkSeconds, hours[1].AhtSeconds, hours[1].FirstResponseSeconds, hours[1].Transfers, hours[1].Satisfaction));

        // The day: 3 accepted, 2 handled, AHT (1200 + 600 + 120) / 2 = 960 s, first response (20 + 5 + 40) / 3 = 21.667 s,
        // satisfaction 4.5 of 2 ratings; 105 minutes signed in, the rest of the day offline; occupancy 35 / 130.
        Assert.Equal((3, 2, 960.0, 21.667, 1, 4.5, 2), (day.ChatsAccepted, day.ChatsHandled, day.AhtSeconds, day.FirstResponseSeconds, day.Transfers, day.Satisfaction, day.Ratings));
        Assert.Equal((6300.0, 86400.0 - 6300.0, 0.2692), (day.SignedInSeconds, day.OfflineSeconds, day.Occupancy));
        // The handle times 1200 s and 600 s fall in the histogram's [1200, 1800) and [600, 900) buckets: the 90th
        // percentile (rank 1.8 of 2) is 80 % into [1200, 1800): 1680 s. From the 15-minute rows, composed.
        Assert.Equal(1680.0, day.HandleP90Seconds);
        Assert.Equal("away:Lunch=1800;doNotDisturb:Training=600", day.Reasons);
    }

    [Fact]
    public async Task The_state_an_agent_is_in_now_counts_up_to_now()
    {
        // Bob signed in at 09:00 and is still Ready (capacity 3) when the report is asked at 09:40.
        _time = new FakeTimeProvider(Day.AddMinutes(580));
        await AddAsync([State("signedIn", 9, 0, "Available", "Ready", 0, agent: "bob", capacity: 3)]);
        await CatchUpAsync();

        var rows = await AgentsAsync(ReportInterval.Minutes15, Day.AddHours(9), Day.AddHours(10));

        // 09:00 and 09:15 whole; 09:30 up to 09:40 (and no offline time in what has not happened yet); nothing after now.
        Assert.Equal([Day.AddHours(9), Day.AddMinutes(555), Day.AddMinutes(570)], rows.Select(r => r.IntervalStart));
        Assert.Equal([900.0, 900.0, 600.0], rows.Select(r => r.ReadySeconds));
        Assert.Equal([0.0, 0.0, 0.0], rows.Select(r => r.OfflineSeconds));
        Assert.Equal([2700.0, 2700.0, 1800.0], rows.Select(r => r.SlotSecondsAvailable));
        Assert.Equal(["Bob Baker"], rows.Select(r => r.DisplayName).Distinct());
    }

    [Fact]
    public async Task Folding_in_batches_or_again_after_a_restart_counts_every_fact_once()
    {
        var facts = AliceMorning();
        await AddAsync(facts[..9]);
        Assert.Equal(9, await CatchUpAsync());
        await AddAsync(facts[9..]);
        Assert.Equal(facts.Count - 9, await CatchUpAsync());

        // A new projection (a restart) starts from the stored position: nothing is folded twice.
        Assert.Equal(0, await CatchUpAsync());
        var day = Assert.Single(await AgentsAsync(ReportInterval.Day, Day, Day.AddDays(1)));
        Assert.Equal((6300.0, 3, 2, 960.0), (day.SignedInSeconds, day.ChatsAccepted, day.ChatsHandled, day.AhtSeconds));
        await using var context = Database.CreateContext();
        Assert.Equal(facts.Max(f => f.Id), await context.ReportProjections.Where(p => p.Name == AgentProjection.Name).Select(p => p.Position).SingleAsync());
    }

    [Fact]
    public async Task The_activity_timeline_lists_every_state_span_from_the_one_open_at_from()
    {
        await AddAsync(AliceMorning());
        await CatchUpAsync();

        var reports = Reports();
        var spans = await reports.ActivityAsync("alice", Day.AddMinutes(600), Day.AddMinutes(645)).ToListAsync();

        // From 10:00: still Away (Lunch, since 09:35) until 10:05; Ready until 10:10; Ready with a chat until 10:20;
        // wrap-up until 10:22; Ready until 10:40; Do not disturb (Training) until the end asked for, 10:45.
        Assert.Equal(["presence", "presence", "load", "wrapUpStarted", "wrapUpEnded", "presence"], spans.Select(s => s.Kind));
        Assert.Equal([Day.AddMinutes(600), Day.AddMinutes(605), Day.AddMinutes(610), Day.AddMinutes(620), Day.AddMinutes(622), Day.AddMinutes(640)], spans.Select(s => s.Start));
        Assert.Equal([300.0, 300.0, 600.0, 120.0, 1080.0, 300.0], spans.Select(s => s.Seconds));
        Assert.Equal(["Lunch", null, null, null, null, "Training"], spans.Select(s => s.Reason));
        Assert.Equal(["Away", "Ready", "Ready", "WrapUp", "Ready", "DoNotDisturb"], spans.Select(s => s.Status));
    }

    // ---- Helpers -----------------------------------------------------------------------------------------------

    private async Task AddAsync(IEnumerable<ReportEventRecord> facts)
    {
        await using var context = Database.CreateContext();
        foreach (var fact in facts)
        {
            context.ReportEvents.Add(fact);
            await context.SaveChangesAsync(); // one at a time: Ids in the order written, as the recording commits them
        }
    }

    private Task<int> CatchUpAsync() => new AgentProjection(new Databases(Database), NullLogger<AgentProjection>.Instance).CatchUpAsync(CancellationToken.None);

    private AgentReports Reports(TimeSpan? shiftGap = null)
    {
        var databases = new Databases(Database);
        var directory = new AgentDirectory(databases, new PasswordHasher<AgentRecord>());
        directory.ReloadAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new AgentReports(databases, directory, Options.Create(new ReportingOptions { ShiftGap = shiftGap ?? TimeSpan.FromMinutes(30) }), _time);
    }

    private Task<List<AgentReportRow>> AgentsAsync(ReportInterval interval, DateTimeOffset from, DateTimeOffset to, string timeZone = "UTC", TimeSpan? shiftGap = null) =>
        Reports(shiftGap).AgentsAsync(new ReportFilter(from, to, interval, timeZone)).ToListAsync().AsTask();

    private static long At(int hour, int minute, int second = 0) => Day.AddHours(hour).AddMinutes(minute).AddSeconds(second).ToUnixTimeMilliseconds();

    private static ReportEventRecord State(string kind, int hour, int minute, string presence, string status, int active, string? reason = null, string agent = "alice", int capacity = 2, long? duration = null) =>
        StateAt(kind, At(hour, minute), presence, status, active, reason, agent, capacity, duration);

    private static ReportEventRecord StateAt(string kind, long at, string presence, string status, int active, string? reason = null, string agent = "alice", int capacity = 2, long? duration = null) => new()
    {
        Kind = kind, At = at, Agent = agent, Presence = presence, Detail = reason, Status = status, Active = active, Capacity = capacity, DurationMs = duration,
    };

    private static ReportEventRecord Chat(string kind, int hour, int minute, Guid conversation, long? duration = null, string? detail = null, string? target = null, int? value = null, int seconds = 0, string agent = "alice") => new()
    {
        Kind = kind, At = At(hour, minute, seconds), Agent = agent, ConversationId = conversation, Queue = "support", Detail = detail, Target = target, DurationMs = duration, Value = value,
        QueuedAt = At(hour, minute) - 60_000,
    };

    /// <summary>The test database as the product's context factory.</summary>
    private sealed class Databases(TestDatabase database) : IDbContextFactory<ParleyDbContext>
    {
        public ParleyDbContext CreateDbContext() => database.CreateContext();
    }
}

public sealed class SqliteAgentReportTests : AgentReportSpecification
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}

public sealed class PostgresAgentReportTests : AgentReportSpecification
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
