using Parley.Server.Calendars;

namespace Parley.Server.Tests.Calendars;

/// <summary>
/// Every calendar rule at fixed instants (no clock): expected instants are written in UTC, the comment says the local
/// time. 2026: Amsterdam springs forward on 29 March (02:00 CET → 03:00 CEST) and falls back on 25 October (03:00 CEST
/// → 02:00 CET); New York on 8 March (02:00 EST → 03:00 EDT) and 1 November (02:00 EDT → 01:00 EST).
/// </summary>
public sealed class BusinessCalendarTests
{
    private const string Amsterdam = "Europe/Amsterdam";
    private const string NewYork = "America/New_York";

    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    [Fact]
    public void Office_hours_open_at_the_opening_and_close_at_the_closing()
    {
        var calendar = Calendar(Amsterdam, Weekdays.Select(d => Hours(d, "09:00", "17:00")));

        Assert.False(calendar.IsOpen(Utc("2026-12-07T07:59:59Z"))); // Monday 08:59:59 CET
        Assert.True(calendar.IsOpen(Utc("2026-12-07T08:00:00Z"))); // 09:00
        Assert.True(calendar.IsOpen(Utc("2026-12-07T15:59:59Z"))); // 16:59:59
        Assert.False(calendar.IsOpen(Utc("2026-12-07T16:00:00Z"))); // 17:00
        Assert.Equal(Utc("2026-12-07T16:00:00Z"), calendar.NextChange(Utc("2026-12-07T08:00:00Z")));
        Assert.Equal(Utc("2026-12-08T08:00:00Z"), calendar.NextChange(Utc("2026-12-07T16:00:00Z")));
    }

    [Fact]
    public void The_next_opening_skips_the_weekend()
    {
        var calendar = Calendar(Amsterdam, Weekdays.Select(d => Hours(d, "09:00", "17:00")));

        var fridayEvening = Utc("2026-12-11T17:00:00Z"); // Friday 18:00 CET

        Assert.Equal(Utc("2026-12-14T08:00:00Z"), calendar.NextOpening(fridayEvening)); // Monday 09:00 CET
        Assert.Equal(Utc("2026-12-14T08:00:00Z"), calendar.NextChange(fridayEvening));
    }

    [Fact]
    public void When_open_the_next_opening_is_the_one_after_the_current_interval()
    {
        var calendar = Calendar(Amsterdam, [Hours(DayOfWeek.Monday, "09:00", "12:00"), Hours(DayOfWeek.Monday, "13:00", "17:00")]);

        Assert.Equal(Utc("2026-12-07T12:00:00Z"), calendar.NextOpening(Utc("2026-12-07T09:00:00Z"))); // from 10:00 → 13:00 CET
        Assert.Equal(Utc("2026-12-07T11:00:00Z"), calendar.NextChange(Utc("2026-12-07T09:00:00Z"))); // the lunch break at 12:00
    }

    [Fact]
    public void Split_hours_close_over_lunch()
    {
        var calendar = Calendar(NewYork, [Hours(DayOfWeek.Monday, "09:00", "12:00"), Hours(DayOfWeek.Monday, "13:00", "17:00")]);

        Assert.True(calendar.IsOpen(Utc("2026-12-07T16:59:00Z"))); // 11:59 EST
        Assert.False(calendar.IsOpen(Utc("2026-12-07T17:30:00Z"))); // 12:30
        Assert.True(calendar.IsOpen(Utc("2026-12-07T18:00:00Z"))); // 13:00
        Assert.Equal(Utc("2026-12-07T18:00:00Z"), calendar.NextChange(Utc("2026-12-07T17:00:00Z")));
    }

    [Fact]
    public void An_overnight_interval_runs_into_the_next_day()
    {
        var calendar = Calendar(NewYork, [Hours(DayOfWeek.Friday, "22:00", "06:00")]);

        Assert.False(calendar.IsOpen(Utc("2026-12-12T02:59:00Z"))); // Friday 21:59 EST
        Assert.True(calendar.IsOpen(Utc("2026-12-12T08:00:00Z"))); // Saturday 03:00
        Assert.Equal(Utc("2026-12-12T11:00:00Z"), calendar.NextChange(Utc("2026-12-12T08:00:00Z"))); // Saturday 06:00
        Assert.False(calendar.IsOpen(Utc("2026-12-12T11:00:00Z")));
    }

    [Fact]
    public void An_interval_from_sunday_night_runs_into_monday()
    {
        var calendar = Calendar(Amsterdam, [Hours(DayOfWeek.Sunday, "20:00", "02:00")]);

        Assert.True(calendar.IsOpen(Utc("2026-12-14T00:30:00Z"))); // Monday 01:30 CET
        Assert.Equal(Utc("2026-12-14T01:00:00Z"), calendar.NextChange(Utc("2026-12-14T00:30:00Z"))); // Monday 02:00
        Assert.Equal(Utc("2026-12-20T19:00:00Z"), calendar.NextOpening(Utc("2026-12-14T00:30:00Z"))); // next Sunday 20:00
    }

    [Fact]
    public void Intervals_that_touch_at_midnight_are_one_open_period()
    {
        var calendar = Calendar(Amsterdam, [Hours(DayOfWeek.Monday, "18:00", "00:00"), Hours(DayOfWeek.Tuesday, "00:00", "06:00")]);

        Assert.Equal(Utc("2026-12-08T05:00:00Z"), calendar.NextChange(Utc("2026-12-07T20:00:00Z"))); // Tuesday 06:00, not midnight
        Assert.Equal(Utc("2026-12-14T17:00:00Z"), calendar.NextOpening(Utc("2026-12-07T20:00:00Z"))); // next Monday 18:00
    }

    [Fact]
    public void Open_around_the_clock_never_changes()
    {
        var calendar = Calendar(Amsterdam, Enum.GetValues<DayOfWeek>().Select(d => Hours(d, "00:00", "00:00")));

        Assert.True(calendar.IsOpen(Utc("2026-03-29T01:30:00Z")));
        Assert.Null(calendar.NextChange(Utc("2026-12-07T12:00:00Z")));
        Assert.Null(calendar.NextOpening(Utc("2026-12-07T12:00:00Z")));
    }

    [Fact]
    public void A_calendar_without_hours_never_opens()
    {
        var calendar = Calendar(Amsterdam, []);

        Assert.False(calendar.IsOpen(Utc("2026-12-07T12:00:00Z")));
        Assert.Null(calendar.NextOpening(Utc("2026-12-07T12:00:00Z")));
        Assert.Null(calendar.NextChange(Utc("2026-12-07T12:00:00Z")));
    }

    [Fact]
    public void Nothing_within_400_days_is_no_next_opening()
    {
        var closedForTwoYears = new CalendarException(new(2026, 12, 1), new(2028, 12, 31), "Renovation", []);
        var calendar = BusinessCalendar.Create(Definition(Amsterdam, Weekdays.Select(d => Hours(d, "09:00", "17:00")), [closedForTwoYears]));

        Assert.Null(calendar.NextOpening(Utc("2026-12-07T12:00:00Z")));
        Assert.Equal(Utc("2029-01-01T08:00:00Z"), calendar.NextOpening(Utc("2027-12-07T12:00:00Z"))); // Monday 1 January 2029
    }

    [Fact]
    public void Amsterdam_spring_forward_shortens_the_night_shift()
    {
        var calendar = Calendar(Amsterdam, [Hours(DayOfWeek.Saturday, "22:00", "06:00")]);

        Assert.Equal(Utc("2026-03-28T21:00:00Z"), calendar.NextOpening(Utc("2026-03-28T12:00:00Z"))); // 22:00 CET
        Assert.Equal(Utc("2026-03-29T04:00:00Z"), calendar.NextChange(Utc("2026-03-28T21:00:00Z"))); // 06:00 CEST: 7 hours
        Assert.True(calendar.IsOpen(Utc("2026-03-29T03:59:00Z")));
        Assert.False(calendar.IsOpen(Utc("2026-03-29T04:00:00Z")));
    }

    [Fact]
    public void Amsterdam_fall_back_lengthens_the_night_shift()
    {
        var calendar = Calendar(Amsterdam, [Hours(DayOfWeek.Saturday, "22:00", "06:00")]);

        Assert.Equal(Utc("2026-10-24T20:00:00Z"), calendar.NextOpening(Utc("2026-10-24T12:00:00Z"))); // 22:00 CEST
        Assert.Equal(Utc("2026-10-25T05:00:00Z"), calendar.NextChange(Utc("2026-10-24T20:00:00Z"))); // 06:00 CET: 9 hours
        Assert.True(calendar.IsOpen(Utc("2026-10-25T04:59:00Z")));
    }

    [Fact]
    public void A_time_in_the_spring_gap_is_reached_when_the_clock_jumps()
    {
        // 02:00–03:00 does not exist on 29 March 2026 in Amsterdam.
        var calendar = Calendar(Amsterdam, [Hours(DayOfWeek.Sunday, "02:10", "02:20"), Hours(DayOfWeek.Sunday, "02:45", "04:00")]);

        Assert.Equal(Utc("2026-03-29T01:00:00Z"), calendar.NextOpening(Utc("2026-03-28T23:00:00Z"))); // 03:00 CEST, the jump; 02:10–02:20 does not happen
        Assert.Equal(Utc("2026-03-29T02:00:00Z"), calendar.NextChange(Utc("2026-03-29T01:00:00Z"))); // 04:00 CEST
        Assert.Equal(Utc("2026-04-05T00:10:00Z"), calendar.NextOpening(Utc("2026-03-29T01:00:00Z"))); // a normal Sunday: 02:10 CEST
    }

    [Fact]
    public void A_time_in_the_autumn_overlap_is_its_first_pass()
    {
        // 02:00–03:00 happens twice on 25 October 2026 in Amsterdam: first in CEST (UTC+2), then in CET (UTC+1).
        var calendar = Calendar(Amsterdam, [Hours(DayOfWeek.Sunday, "00:00", "02:30")]);

        Assert.Equal(Utc("2026-10-24T22:00:00Z"), calendar.NextOpening(Utc("2026-10-24T12:00:00Z")));
        Assert.Equal(Utc("2026-10-25T00:30:00Z"), calendar.NextChange(Utc("2026-10-24T22:00:00Z"))); // the first 02:30
    }

    [Fact]
    public void New_york_spring_forward_moves_the_opening_an_hour_earlier_in_utc()
    {
        var calendar = Calendar(NewYork, [.. Weekdays.Select(d => Hours(d, "09:00", "17:00")), Hours(DayOfWeek.Saturday, "22:00", "06:00")]);

        Assert.Equal(Utc("2026-03-08T03:00:00Z"), calendar.NextOpening(Utc("2026-03-06T23:00:00Z"))); // Saturday 22:00 EST
        Assert.Equal(Utc("2026-03-08T10:00:00Z"), calendar.NextChange(Utc("2026-03-08T03:00:00Z"))); // Sunday 06:00 EDT: 7 hours
        Assert.Equal(Utc("2026-03-09T13:00:00Z"), calendar.NextOpening(Utc("2026-03-08T03:00:00Z"))); // Monday 09:00 EDT
        Assert.Equal(Utc("2026-03-06T14:00:00Z"), calendar.NextOpening(Utc("2026-03-06T12:00:00Z"))); // the Friday before: 09:00 EST
    }

    [Fact]
    public void New_york_fall_back_lengthens_the_night_shift()
    {
        var calendar = Calendar(NewYork, [Hours(DayOfWeek.Saturday, "22:00", "06:00")]);

        Assert.Equal(Utc("2026-11-01T02:00:00Z"), calendar.NextOpening(Utc("2026-10-31T12:00:00Z"))); // Saturday 22:00 EDT
        Assert.Equal(Utc("2026-11-01T11:00:00Z"), calendar.NextChange(Utc("2026-11-01T02:00:00Z"))); // Sunday 06:00 EST: 9 hours
        Assert.True(calendar.IsOpen(Utc("2026-11-01T06:30:00Z"))); // 01:30 the second time
    }

    [Fact]
    public void A_holiday_closes_the_day_and_the_next_opening_skips_a_run_of_them()
    {
        // 24 December 2026 is a Thursday; 25 (Friday) and 28 (Monday) are holidays.
        var calendar = BusinessCalendar.Create(Definition(Amsterdam, Weekdays.Select(d => Hours(d, "09:00", "17:00")),
            holidays: [new(new(2026, 12, 25), "Christmas Day"), new(new(2026, 12, 28), "Bridge day")]));

        Assert.False(calendar.IsOpen(Utc("2026-12-25T10:00:00Z")));
        Assert.Equal(Utc("2026-12-29T08:00:00Z"), calendar.NextOpening(Utc("2026-12-24T16:00:00Z"))); // Tuesday 09:00 CET
    }

    [Fact]
    public void An_exception_wins_over_a_holiday_on_the_same_date()
    {
        var calendar = BusinessCalendar.Create(Definition(Amsterdam, Weekdays.Select(d => Hours(d, "09:00", "17:00")),
            exceptions: [new(new(2026, 12, 24), new(2026, 12, 24), "Christmas Eve", [new(new(9, 0), new(13, 0))])],
            holidays: [new(new(2026, 12, 24), "Christmas Eve")]));

        Assert.True(calendar.IsOpen(Utc("2026-12-24T09:00:00Z"))); // 10:00 CET
        Assert.False(calendar.IsOpen(Utc("2026-12-24T13:00:00Z"))); // 14:00: the exception's hours end at 13:00
        Assert.Equal(Utc("2026-12-24T12:00:00Z"), calendar.NextChange(Utc("2026-12-24T09:00:00Z")));
    }

    [Fact]
    public void A_closed_exception_over_a_range_and_other_hours_on_a_sunday()
    {
        var calendar = BusinessCalendar.Create(Definition(Amsterdam, Weekdays.Select(d => Hours(d, "09:00", "17:00")),
            exceptions:
            [
                new(new(2026, 12, 28), new(2026, 12, 31), "Stocktaking", []),
                new(new(2027, 1, 3), new(2027, 1, 3), "Sale", [new(new(12, 0), new(16, 0))]), // a Sunday
            ]));

        Assert.False(calendar.IsOpen(Utc("2026-12-30T10:00:00Z")));
        Assert.Equal(Utc("2027-01-01T08:00:00Z"), calendar.NextOpening(Utc("2026-12-27T12:00:00Z"))); // Friday 1 January
        Assert.Equal(Utc("2027-01-03T11:00:00Z"), calendar.NextOpening(Utc("2027-01-01T16:00:00Z"))); // the Sunday sale
    }

    [Fact]
    public void An_overnight_interval_belongs_to_the_date_it_opens_on()
    {
        var night = Hours(DayOfWeek.Friday, "22:00", "06:00");
        var saturdayHoliday = BusinessCalendar.Create(Definition(Amsterdam, [night], holidays: [new(new(2026, 12, 12), "Saturday off")]));
        var fridayHoliday = BusinessCalendar.Create(Definition(Amsterdam, [night], holidays: [new(new(2026, 12, 11), "Friday off")]));

        Assert.True(saturdayHoliday.IsOpen(Utc("2026-12-12T02:00:00Z"))); // Saturday 03:00: Friday's shift goes on
        Assert.False(fridayHoliday.IsOpen(Utc("2026-12-12T02:00:00Z"))); // Friday's shift does not happen
        Assert.Equal(Utc("2026-12-18T21:00:00Z"), fridayHoliday.NextOpening(Utc("2026-12-11T12:00:00Z")));
    }

    [Fact]
    public void An_exceptions_overnight_hours_cross_a_dst_change()
    {
        // Other hours on the night of the Amsterdam spring change: 20:00 CET to 08:00 CEST is 11 hours.
        var calendar = BusinessCalendar.Create(Definition(Amsterdam, [],
            exceptions: [new(new(2026, 3, 28), new(2026, 3, 28), "Inventory night", [new(new(20, 0), new(8, 0))])]));

        Assert.Equal(Utc("2026-03-28T19:00:00Z"), calendar.NextOpening(Utc("2026-03-28T12:00:00Z")));
        Assert.Equal(Utc("2026-03-29T06:00:00Z"), calendar.NextChange(Utc("2026-03-28T19:00:00Z")));
    }

    [Fact]
    public void The_hours_of_a_date_say_which_rule_applies()
    {
        var calendar = BusinessCalendar.Create(Definition(Amsterdam, [Hours(DayOfWeek.Friday, "09:00", "17:00")],
            exceptions: [new(new(2026, 12, 18), new(2026, 12, 18), null, [new(new(10, 0), new(12, 0))])],
            holidays: [new(new(2026, 12, 25), "Christmas Day")]));

        Assert.Equal([new OpeningHours(new(9, 0), new(17, 0))], calendar.HoursOn(new(2026, 12, 11)));
        Assert.Equal([new OpeningHours(new(10, 0), new(12, 0))], calendar.HoursOn(new(2026, 12, 18)));
        Assert.Empty(calendar.HoursOn(new(2026, 12, 25)));
    }

    [Fact]
    public void An_invalid_definition_is_refused_naming_each_field()
    {
        var definition = new CalendarDefinition("Office!", "Mars/Olympus",
            [Hours(DayOfWeek.Monday, "09:00", "17:00"), Hours(DayOfWeek.Monday, "16:00", "18:00"), Hours(DayOfWeek.Sunday, "22:00", "06:00"), Hours(DayOfWeek.Monday, "05:00", "07:00")],
            [new(new(2026, 12, 31), new(2026, 12, 1), null, []), new(new(2027, 1, 1), new(2027, 1, 5), null, []), new(new(2027, 1, 5), new(2027, 1, 6), null, [])],
            [new(new(2026, 12, 25), "Christmas"), new(new(2026, 12, 25), "Again"), new(new(2026, 12, 26), " ")]);

        var refused = Assert.Throws<InvalidCalendarException>(() => BusinessCalendar.Create(definition));

        Assert.Equal(
            ["exceptions[0].to", "exceptions[2]", "holidays[1].date", "holidays[2].name", "name", "timeZone", "weekly[1]", "weekly[3]"],
            refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Mars/Olympus", refused.Errors["timeZone"][0], StringComparison.Ordinal);
        Assert.Equal("Overlaps sunday 22:00–06:00.", refused.Errors["weekly[3]"][0]); // across the week's end
    }

    internal static WeeklyHours Hours(DayOfWeek day, string open, string close) =>
        new(day, LocalTimeJsonConverter.Pattern.Parse(open).Value, LocalTimeJsonConverter.Pattern.Parse(close).Value);

    internal static CalendarDefinition Definition(string zone, IEnumerable<WeeklyHours> weekly, IReadOnlyList<CalendarException>? exceptions = null, IReadOnlyList<Holiday>? holidays = null) =>
        new("office", zone, [.. weekly], exceptions ?? [], holidays ?? []);

    private static BusinessCalendar Calendar(string zone, IEnumerable<WeeklyHours> weekly) => BusinessCalendar.Create(Definition(zone, weekly));

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
