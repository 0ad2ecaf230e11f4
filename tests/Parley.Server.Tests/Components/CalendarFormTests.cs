using Parley.Server.Calendars;
using Parley.Server.Components.Admin;

namespace Parley.Server.Tests.Components;

/// <summary>The calendar editor's form: the browser's values to a definition and back, and what cannot be read.</summary>
public sealed class CalendarFormTests
{
    [Fact]
    public void The_browsers_times_dates_and_hours_text_make_a_definition_and_back()
    {
        var form = new CalendarForm
        {
            TimeZone = " America/New_York ",
            Weekly = [new() { Day = DayOfWeek.Monday, Open = "22:00", Close = "06:00:00" }], // a time input's value has seconds
            Exceptions = [new() { From = new(2026, 12, 24), Hours = "09:00-13:00, 14:00–15:30" }],
            Holidays = [new() { Date = new(2026, 12, 25), Name = "Christmas Day" }],
        };

        var (calendar, errors) = form.ToDefinition("night-desk");

        Assert.Empty(errors);
        Assert.Equal(new WeeklyHours(DayOfWeek.Monday, new(22, 0), new(6, 0)), calendar!.Weekly[0]);
        Assert.Equal((new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 24)), (calendar.Exceptions[0].From, calendar.Exceptions[0].To));
        Assert.Equal([new OpeningHours(new(9, 0), new(13, 0)), new OpeningHours(new(14, 0), new(15, 30))], calendar.Exceptions[0].Hours);
        Assert.Equal("America/New_York", calendar.TimeZone);
        Assert.Equal("09:00-13:00, 14:00-15:30", CalendarForm.From(calendar).Exceptions[0].Hours);
    }

    [Fact]
    public void What_cannot_be_read_is_named_with_the_services_keys()
    {
        var form = new CalendarForm
        {
            Weekly = [new() { Open = "9am" }],
            Exceptions = [new() { Hours = "all day" }],
            Holidays = [new() { Name = "No date" }],
        };

        var (calendar, errors) = form.ToDefinition("x");

        Assert.Null(calendar);
        Assert.Equal(["exceptions[0].from", "exceptions[0].hours", "holidays[0].date", "weekly[0].open"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
