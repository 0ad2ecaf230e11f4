using Parley.Server.Reporting;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Reporting;

/// <summary>Shifts: across midnight, over the night of a daylight-saving change, joined across short gaps.</summary>
public abstract partial class AgentReportSpecification
{
    private const string Amsterdam = "Europe/Amsterdam";

    /// <summary>
    /// Bob works 22:00–06:00 Amsterdam time (CET, +01:00) in the night of 7 to 8 December: signed in 21:00Z, out at 00:00Z
    /// (01:00 local), in again at 00:20Z, out at 05:00Z. Ready throughout. Rated at 05:30Z (06:30 local, after the shift).
    /// </summary>
    private static List<ReportEventRecord> NightShift() =>
    [
        StateAt("signedIn", Utc(2026, 12, 7, 21, 0), "Available", "Ready", 0, agent: "bob"),
        StateAt("signedOut", Utc(2026, 12, 8, 0, 0), "Offline", "Offline", 0, agent: "bob"),
        StateAt("signedIn", Utc(2026, 12, 8, 0, 20), "Available", "Ready", 0, agent: "bob"),
        StateAt("signedOut", Utc(2026, 12, 8, 5, 0), "Offline", "Offline", 0, agent: "bob"),
        new() { Kind = "rated", At = Utc(2026, 12, 8, 5, 30), Agent = "bob", ConversationId = Guid.NewGuid(), Queue = "support", Value = 3, QueuedAt = Utc(2026, 12, 8, 4, 0) },
    ];

    [Fact]
    public async Task A_shift_across_midnight_is_reported_on_the_day_it_started()
    {
        await AddAsync(NightShift());
        await CatchUpAsync();

        var days = await AgentsAsync(ReportInterval.Day, Local(2026, 12, 7, 0, 1), Local(2026, 12, 9, 0, 1), Amsterdam);

        // The 20-minute break is shorter than the shift gap (30 min): one shift, 7 h 40 min signed in, all on 7 December.
        // The rating after the shift counts by the clock: 8 December (which has no time signed in).
        Assert.Equal([Local(2026, 12, 7, 0, 1), Local(2026, 12, 8, 0, 1)], days.Select(d => d.IntervalStart));
        Assert.Equal([27600.0, 0.0], days.Select(d => d.SignedInSeconds));
        Assert.Equal([27600.0, 0.0], days.Select(d => d.ReadySeconds));
        Assert.Equal([0, 1], days.Select(d => d.Ratings));
        Assert.Equal(86400.0 - 27600.0, days[0].OfflineSeconds);

        var shift = Assert.Single(await Reports().ShiftsAsync(new ReportFilter(Local(2026, 12, 7, 0, 1), Local(2026, 12, 9, 0, 1), ReportInterval.Day, Amsterdam)).ToListAsync());
        Assert.Equal(("bob", "Bob Baker", "2026-12-07", Local(2026, 12, 7, 22, 1), Local(2026, 12, 8, 6, 1)), (shift.Agent, shift.DisplayName, shift.Day, shift.Start, shift.End));
        Assert.Equal((28800.0, 27600.0, 2, Local(2026, 12, 7, 0, 1)), (shift.DurationSeconds, shift.SignedInSeconds, shift.SignIns, shift.IntervalStart));
    }

    [Fact]
    public async Task A_gap_as_long_as_the_shift_gap_starts_a_new_shift_on_its_own_day()
    {
        await AddAsync(NightShift());
        await CatchUpAsync();
        var gap = TimeSpan.FromMinutes(20); // the break is not shorter than this

        var days = await AgentsAsync(ReportInterval.Day, Local(2026, 12, 7, 0, 1), Local(2026, 12, 9, 0, 1), Amsterdam, shiftGap: gap);

        // Two shifts: 22:00–01:00 (3 h, 7 December) and 01:20–06:00 (4 h 40 min, 8 December, with the rating).
        Assert.Equal([10800.0, 16800.0], days.Select(d => d.SignedInSeconds));
        var shifts = await Reports(gap).ShiftsAsync(new ReportFilter(Local(2026, 12, 7, 0, 1), Local(2026, 12, 9, 0, 1), ReportInterval.Day, Amsterdam)).ToListAsync();
        Assert.Equal(["2026-12-07", "2026-12-08"], shifts.Select(s => s.Day));
        Assert.Equal([1, 1], shifts.Select(s => s.SignIns));
    }

    [Fact]
    public async Task Hours_of_a_night_shift_are_reported_by_the_clock()
    {
        await AddAsync(NightShift());
        await CatchUpAsync();

        var hours = await AgentsAsync(ReportInterval.Hour, Local(2026, 12, 7, 22, 1), Local(2026, 12, 8, 6, 1), Amsterdam);

        Assert.Equal(Enumerable.Range(0, 8).Select(h => Local(2026, 12, 7, 22, 1).AddHours(h)), hours.Select(h => h.IntervalStart));
        Assert.Equal([3600.0, 3600.0, 3600.0, 2400.0, 3600.0, 3600.0, 3600.0, 3600.0], hours.Select(h => h.SignedInSeconds));
    }

    /// <summary>
    /// The night summer time ends: 22:00 CEST (+02:00, 20:00Z) on 24 October 2026 to 06:00 CET (+01:00, 05:00Z) on the
    /// 25th is 9 hours; 25 October has 25 hours. A rating at 10:00Z on the 25th gives that day a row.
    /// </summary>
    [Fact]
    public async Task A_shift_over_the_night_daylight_saving_ends_is_nine_hours_on_its_first_day()
    {
        await AddAsync(
        [
            StateAt("signedIn", Utc(2026, 10, 24, 20, 0), "Available", "Ready", 0, agent: "bob"),
            StateAt("signedOut", Utc(2026, 10, 25, 5, 0), "Offline", "Offline", 0, agent: "bob"),
            new() { Kind = "rated", At = Utc(2026, 10, 25, 10, 0), Agent = "bob", ConversationId = Guid.NewGuid(), Queue = "support", Value = 5, QueuedAt = Utc(2026, 10, 25, 9, 0) },
        ]);
        await CatchUpAsync();
        var summer = TimeSpan.FromHours(2);
        var winter = TimeSpan.FromHours(1);

        var days = await AgentsAsync(ReportInterval.Day, new DateTimeOffset(2026, 10, 24, 0, 0, 0, summer), new DateTimeOffset(2026, 10, 26, 0, 0, 0, winter), Amsterdam);

        Assert.Equal([new DateTimeOffset(2026, 10, 24, 0, 0, 0, summer), new DateTimeOffset(2026, 10, 25, 0, 0, 0, summer)], days.Select(d => d.IntervalStart));
        Assert.Equal([32400.0, 0.0], days.Select(d => d.SignedInSeconds));
        Assert.Equal([86400.0 - 32400.0, 90000.0], days.Select(d => d.OfflineSeconds)); // the 25th is 25 hours long

        // By the hour: 02:00 comes twice, once at +02:00 and once at +01:00; nine full hours.
        var hours = await AgentsAsync(ReportInterval.Hour, new DateTimeOffset(2026, 10, 24, 22, 0, 0, summer), new DateTimeOffset(2026, 10, 25, 6, 0, 0, winter), Amsterdam);
        Assert.Equal(
            ["22:00+02:00", "23:00+02:00", "00:00+02:00", "01:00+02:00", "02:00+02:00", "02:00+01:00", "03:00+01:00", "04:00+01:00", "05:00+01:00"],
            hours.Select(h => h.IntervalStart.ToString("HH:mmzzz", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(hours, h => Assert.Equal(3600.0, h.SignedInSeconds));

        var shift = Assert.Single(await Reports().ShiftsAsync(new ReportFilter(new DateTimeOffset(2026, 10, 24, 0, 0, 0, summer), new DateTimeOffset(2026, 10, 26, 0, 0, 0, winter), ReportInterval.Day, Amsterdam)).ToListAsync());
        Assert.Equal(("2026-10-24", new DateTimeOffset(2026, 10, 24, 22, 0, 0, summer), (DateTimeOffset?)new DateTimeOffset(2026, 10, 25, 6, 0, 0, winter), 32400.0), (shift.Day, shift.Start, shift.End, shift.DurationSeconds));
        Assert.Equal(summer, shift.Start.Offset);
        Assert.Equal(winter, shift.End!.Value.Offset);
    }

    private static long Utc(int year, int month, int day, int hour, int minute) => new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>A local time in Amsterdam in winter (+01:00); the last argument is the offset in hours.</summary>
    private static DateTimeOffset Local(int year, int month, int day, int hour, int offsetHours) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(offsetHours));
}
