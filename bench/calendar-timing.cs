// What a calendar query costs (Calendars/BusinessCalendar), on the demo office-hours calendar. A file-based app:
//   nice -n 19 dotnet run -c Release bench/calendar-timing.cs
#:project ../src/Parley.Server/Parley.Server.csproj
#:property TreatWarningsAsErrors=false
using System.Diagnostics;
using Parley.Server.Calendars;
using NodaTime;

// The demo's office-hours calendar (weekdays 09:00–17:30, Saturday 10:00–13:00, Amsterdam, three holidays, one exception).
WeeklyHours H(DayOfWeek d, int oh, int om, int ch, int cm) => new(d, new LocalTime(oh, om), new LocalTime(ch, cm));
var definition = new CalendarDefinition("office-hours", "Europe/Amsterdam",
    [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }.Select(d => H(d, 9, 0, 17, 30)), H(DayOfWeek.Saturday, 10, 0, 13, 0)],
    [new(new(2026, 12, 24), new(2026, 12, 24), "Christmas Eve", [new(new(9, 0), new(13, 0))])],
    [new(new(2026, 12, 25), "Christmas Day"), new(new(2026, 12, 26), "Boxing Day"), new(new(2027, 1, 1), "New Year's Day")]);
var calendar = BusinessCalendar.Create(definition);
var start = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
var never = BusinessCalendar.Create(definition with { Weekly = [] });

void Measure(string what, int n, Func<int, object?> run)
{
    for (var i = 0; i < 1000; i++) run(i);
    var sw = Stopwatch.StartNew();
    for (var i = 0; i < n; i++) run(i);
    sw.Stop();
    Console.WriteLine($"{what}: {sw.Elapsed.TotalMicroseconds / n:F2} µs per call ({n:N0} calls)");
}

Measure("IsOpen", 200_000, i => calendar.IsOpen(start.AddMinutes(i * 7)));
Measure("NextOpening", 100_000, i => calendar.NextOpening(start.AddMinutes(i * 7)));
Measure("NextChange", 100_000, i => calendar.NextChange(start.AddMinutes(i * 7)));
Measure("NextOpening, never opens (400 days scanned)", 2_000, i => never.NextOpening(start.AddMinutes(i * 7)));
