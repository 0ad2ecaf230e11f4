using NodaTime;
using Parley.Server.Calendars;
using Parley.Server.Storage;
using K = Parley.Server.Storage.ReportEventKinds;

namespace Parley.Server.Tests.Reporting;

/// <summary>
/// A morning of two queues written as facts per the event log's contract, whose figures the tests work out by hand.
/// Monday 2026-12-07, 09:00–09:21 UTC (10:00 in Amsterdam); every entry lies in the 09:00 UTC bucket.
/// support: T = 20 s, target 0.8, short abandon 5 s, calendar "office" (open 10:02–17:00 Amsterdam = from 09:02 UTC).
/// sales: T = 30 s, target 0.9, no calendar.
///
///   C1 support 09:00:00 offered to alice, answered 09:00:10 (wait 10 s, within T), first reply +30 s, ended by the
///      agent 09:05:10 (handle 300 s, survey offered), wrap-up 30 s, rated 5.
///   C2 support 09:01:00 picked by bob 09:01:30 (wait 30 s, outside T), first reply +10 s, ended by the customer
///      09:11:30 (handle 600 s, survey offered), rated 3.
///   C3 support 09:02:00 abandoned 09:02:03 (3 s: a short abandon).
///   C4 support 09:03:00 abandoned 09:04:00 (60 s).
///   C5 support 09:04:00 expired 09:09:00 (300 s), ended by the system.
///   C6 support 09:05:00 answered by alice 09:05:05 (5 s), first reply +20 s, transferred to sales 09:07:05 (alice's
///      handle 120 s); queued in sales 09:07:05, answered by carol 09:07:35 (30 s: within sales' T), first reply +10 s,
///      ended by carol 09:10:35 (handle 180 s, survey offered, not rated).
///   C7 support 09:10:00 overflowed to sales 09:12:00 (120 s); answered by carol 09:12:10 (10 s), ended by the
///      customer 09:20:10 (handle 480 s).
/// </summary>
public static class QueueReportScenario
{
    public static readonly DateTimeOffset Morning = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    public static readonly Guid C1 = Id(1), C2 = Id(2), C3 = Id(3), C4 = Id(4), C5 = Id(5), C6 = Id(6), C7 = Id(7);

    public static IEnumerable<object> Setup()
    {
        yield return new CalendarRecord
        {
            Name = "office",
            TimeZone = "Europe/Amsterdam",
            Weekly = [.. Enum.GetValues<DayOfWeek>().Select(d => new WeeklyHours(d, new LocalTime(10, 2), new LocalTime(17, 0)))],
        };
        yield return Queue("support", serviceLevelSeconds: 20, target: 0.8, calendar: "office");
        yield return Queue("sales", serviceLevelSeconds: 30, target: 0.9);
    }

    public static List<ReportEventRecord> Facts()
    {
        var s = "support";
        return
        [
            Queued(C1, 0, s),
            Fact(K.Offered, C1, 1, s, 0, agent: "alice"),
            Fact(K.Accepted, C1, 10, s, 0, agent: "alice", detail: "offer", duration: 10),
            Queued(C2, 60, s),
            Fact(K.Accepted, C2, 90, s, 60, agent: "bob", detail: "picked", duration: 30),
            Fact(K.FirstReply, C2, 100, s, 60, agent: "bob", duration: 10),
            Fact(K.FirstReply, C1, 40, s, 0, agent: "alice", duration: 30),
            Queued(C3, 120, s),
            Fact(K.Abandoned, C3, 123, s, 120, duration: 3),
            Fact(K.Ended, C3, 123, s, 120, detail: "customer"),
            Queued(C4, 180, s),
            Fact(K.Abandoned, C4, 240, s, 180, duration: 60),
            Fact(K.Ended, C4, 240, s, 180, detail: "customer"),
            Queued(C5, 240, s),
            Queued(C6, 300, s),
            Fact(K.Accepted, C6, 305, s, 300, agent: "alice", detail: "offer", duration: 5),
            Fact(K.Ended, C1, 310, s, 0, agent: "alice", detail: "agent", duration: 300, value: 1),
            Fact(K.FirstReply, C6, 325, s, 300, agent: "alice", duration: 20),
            Fact(K.WrapUpEnded, C1, 340, null, null, agent: "alice", duration: 30),
            Fact(K.Rated, C1, 360, s, 0, agent: "alice", value: 5),
            Fact(K.Transferred, C6, 425, s, 300, agent: "alice", detail: "queue", target: "sales", duration: 120),
            Queued(C6, 425, "sales", "transfer"),
            Fact(K.Accepted, C6, 455, "sales", 425, agent: "carol", detail: "offer", duration: 30),
            Fact(K.FirstReply, C6, 465, "sales", 425, agent: "carol", duration: 10),
            Fact(K.Expired, C5, 540, s, 240, duration: 300),
            Fact(K.Ended, C5, 540, s, 240, detail: "system"),
            Queued(C7, 600, s),
            Fact(K.Ended, C6, 635, "sales", 425, agent: "carol", detail: "agent", duration: 180, value: 1),
            Fact(K.Ended, C2, 690, s, 60, agent: "bob", detail: "customer", duration: 600, value: 1),
            Fact(K.Rated, C2, 700, s, 60, agent: "bob", value: 3),
            Fact(K.Overflowed, C7, 720, s, 600, target: "sales"),
            Queued(C7, 720, "sales", "overflow"),
            Fact(K.Accepted, C7, 730, "sales", 720, agent: "carol", detail: "offer", duration: 10),
            // Carol's customer went silent: the workflow's inactivity rule closed the chat.
            Fact(K.InactivityClosed, C7, 1210, "sales", 720, agent: "carol"),
            Fact(K.Ended, C7, 1210, "sales", 720, agent: "carol", detail: "inactivity", duration: 480),
        ];
    }

    public static QueueRecord Queue(string name, int serviceLevelSeconds = 20, double target = 0.8, string? calendar = null) => new()
    {
        Name = name,
        DisplayName = name.ToUpperInvariant(),
        ServiceLevelSeconds = serviceLevelSeconds,
        ServiceLevelTarget = target,
        Calendar = calendar,
    };

    public static ReportEventRecord Queued(Guid id, double seconds, string queue, string detail = "arrival", DateTimeOffset? origin = null) =>
        new()
        {
            Kind = K.Queued, ConversationId = id, At = Ms(seconds, origin), Queue = queue, Detail = detail, QueuedAt = Ms(seconds, origin),
            Site = "ams", Edge = "edge-1", Medium = "chat",
        };

    public static ReportEventRecord Fact(
        string kind, Guid id, double seconds, string? queue, double? queuedAt, string? agent = null, string? detail = null, string? target = null,
        double? duration = null, int? value = null, DateTimeOffset? origin = null) =>
        new()
        {
            Kind = kind, ConversationId = id, At = Ms(seconds, origin), Queue = queue, QueuedAt = queuedAt is { } q ? Ms(q, origin) : null, Agent = agent,
            Detail = detail, Target = target, DurationMs = duration is { } d ? (long)(d * 1000) : null, Value = value,
        };

    private static long Ms(double seconds, DateTimeOffset? origin) => (origin ?? Morning).AddSeconds(seconds).ToUnixTimeMilliseconds();

    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:000000000000}");
}
