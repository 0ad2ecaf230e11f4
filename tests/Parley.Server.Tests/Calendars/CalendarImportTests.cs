using Parley.Server.Calendars;
using static Parley.Server.Tests.Calendars.BusinessCalendarTests;

namespace Parley.Server.Tests.Calendars;

/// <summary>An .ics file's events become holidays and closed dates (see <see cref="CalendarImport"/> for the rules).</summary>
public sealed class CalendarImportTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static readonly CalendarDefinition Office = Definition("Europe/Amsterdam", Weekdays.Select(d => Hours(d, "09:00", "17:00")));

    [Fact]
    public void An_all_day_event_is_a_holiday_and_several_days_a_closed_range()
    {
        var merged = CalendarImport.Merge(Office, Ics(
            Event("20261225", "20261226", "Christmas Day", allDay: true),
            Event("20270426", "20270501", "Spring break", allDay: true)), Today);

        Assert.Equal([new Holiday(new(2026, 12, 25), "Christmas Day")], merged.Holidays);
        var range = Assert.Single(merged.Exceptions);
        Assert.Equal((new DateOnly(2027, 4, 26), new DateOnly(2027, 4, 30), "Spring break"), (range.From, range.To, range.Reason)); // DTEND is exclusive
        Assert.Empty(range.Hours);
    }

    [Fact]
    public void A_yearly_holiday_is_expanded_over_the_next_three_years_and_the_past_is_left_out()
    {
        var merged = CalendarImport.Merge(Office, Ics(
            Event("20200101", "20200102", "New Year's Day", allDay: true, "RRULE:FREQ=YEARLY"),
            Event("20250501", "20250502", "Long gone", allDay: true)), Today);

        Assert.Equal([new DateOnly(2027, 1, 1), new(2028, 1, 1), new(2029, 1, 1)], merged.Holidays.Select(h => h.Date));
        Assert.All(merged.Holidays, h => Assert.Equal("New Year's Day", h.Name));
    }

    [Fact]
    public void A_timed_event_closes_its_span_and_keeps_the_rest_of_the_day()
    {
        // 24 December 2026 (Thursday): closed from 13:00 Amsterdam time (12:00 UTC) to the end of the day.
        var merged = CalendarImport.Merge(Office, Ics(Event("20261224T120000Z", "20261224T230000Z", "Christmas Eve")), Today);

        var eve = Assert.Single(merged.Exceptions);
        Assert.Equal((new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 24), "Christmas Eve"), (eve.From, eve.To, eve.Reason));
        Assert.Equal([new OpeningHours(new(9, 0), new(13, 0))], eve.Hours);
        Assert.False(BusinessCalendar.Create(merged).IsOpen(new DateTimeOffset(2026, 12, 24, 12, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_timed_event_in_its_own_zone_splits_the_day()
    {
        var merged = CalendarImport.Merge(Office, Ics(Event("TZID=Europe/Amsterdam:20261216T120000", "TZID=Europe/Amsterdam:20261216T140000", "Staff meeting")), Today);

        Assert.Equal([new OpeningHours(new(9, 0), new(12, 0)), new OpeningHours(new(14, 0), new(17, 0))], Assert.Single(merged.Exceptions).Hours);
    }

    [Fact]
    public void A_timed_event_over_a_century_closes_only_the_dates_of_the_window()
    {
        var merged = CalendarImport.Merge(Office, Ics(Event("20261201T000000Z", "21261201T000000Z", "Closed for good")), Today);

        Assert.Equal(Today, merged.Exceptions[0].From);
        Assert.Equal(Today.AddYears(CalendarImport.YearsAhead), merged.Exceptions[^1].From);
        Assert.All(merged.Exceptions, e => Assert.Empty(e.Hours));
    }

    [Fact]
    public void The_file_replaces_what_the_calendar_had_on_its_dates()
    {
        var before = Office with
        {
            Holidays = [new(new(2026, 12, 25), "Xmas"), new(new(2026, 12, 26), "Boxing Day")],
            Exceptions = [new(new(2026, 12, 24), new(2026, 12, 24), "Short day", [new(new(9, 0), new(12, 0))])],
        };

        var merged = CalendarImport.Merge(before, Ics(
            Event("20261225", "20261226", "Christmas Day", allDay: true),
            Event("20261224", "20261225", "Christmas Eve", allDay: true)), Today);

        Assert.Equal(["Christmas Eve", "Christmas Day", "Boxing Day"], merged.Holidays.Select(h => h.Name));
        Assert.Empty(merged.Exceptions);
    }

    [Theory]
    [InlineData("this is not a calendar")]
    [InlineData("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026XX25\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")]
    [InlineData("")]
    public void A_malformed_file_is_refused_with_a_clear_error(string ics)
    {
        var refused = Assert.Throws<CalendarImportException>(() => CalendarImport.Merge(Office, ics, Today));

        Assert.Contains("file", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused()
    {
        var huge = Ics(Event("20261225", "20261226", new string('x', CalendarImport.MaxBytes), allDay: true));

        var refused = Assert.Throws<CalendarImportException>(() => CalendarImport.Merge(Office, huge, Today));

        Assert.Contains("256 KB", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_that_happens_too_often_is_refused()
    {
        var daily = Ics(Event("20261201", "20261202", "Every day", allDay: true, "RRULE:FREQ=DAILY"));

        var refused = Assert.Throws<CalendarImportException>(() => CalendarImport.Merge(Office, daily, Today));

        Assert.Contains("more than 1000 times", refused.Message, StringComparison.Ordinal);
    }

    internal static string Ics(params string[] events) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Parley tests//EN\r\n" + string.Concat(events) + "END:VCALENDAR\r\n";

    internal static string Event(string start, string end, string summary, bool allDay = false, string? rule = null)
    {
        static string Property(string name, string value, bool allDay) =>
            value.StartsWith("TZID=", StringComparison.Ordinal) ? $"{name};{value}" : allDay ? $"{name};VALUE=DATE:{value}" : $"{name}:{value}";
        return $"BEGIN:VEVENT\r\nUID:{Guid.NewGuid()}\r\nDTSTAMP:20261201T000000Z\r\n{Property("DTSTART", start, allDay)}\r\n{Property("DTEND", end, allDay)}\r\n"
            + (rule is null ? "" : rule + "\r\n") + $"SUMMARY:{summary}\r\nEND:VEVENT\r\n";
    }
}
