using System.Text;
using Ical.Net;
using Ical.Net.DataTypes;
using NodaTime;
using IcalCalendar = Ical.Net.Calendar;

namespace Parley.Server.Calendars;

/// <summary>
/// Holidays and closures from an iCalendar (.ics) file, merged into a calendar. The file's events mean "closed":
/// <list type="bullet">
/// <item>an all-day event of one date is a <see cref="Holiday"/> named by its summary;</item>
/// <item>an all-day event over several dates is a closed <see cref="CalendarException"/> for those dates;</item>
/// <item>a timed event closes its span: each date it touches (in the calendar's zone) becomes an exception with that
/// date's usual hours minus the span — fixed at import, so a later change of the weekly hours does not reach it.</item>
/// </list>
/// Only <c>today</c> to <see cref="YearsAhead"/> years on is read: recurring events (a yearly RRULE for a national
/// holiday) are expanded over it, past events are left out and timed spans are cut to it. What the file says replaces
/// what the calendar had on the same dates.
/// </summary>
public static class CalendarImport
{
    public const int MaxBytes = 256 * 1024;
    public const int MaxEvents = 1000;
    public const int YearsAhead = 3;

    /// <summary>
    /// The calendar with the file's holidays and closures merged in (not yet validated: the caller checks the result
    /// as any definition). Throws <see cref="CalendarImportException"/> for a file that is too large or unreadable.
    /// </summary>
    public static CalendarDefinition Merge(CalendarDefinition calendar, string ics, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var (holidays, exceptions) = Read(BusinessCalendar.Create(calendar), ics, today);
        var imported = exceptions.Select(e => (e.From, e.To)).Concat(holidays.Select(h => (From: h.Date, To: h.Date))).ToList();
        bool Replaced(DateOnly from, DateOnly to) => imported.Any(i => i.From <= to && from <= i.To);
        return calendar with
        {
            Holidays = [.. calendar.Holidays.Where(h => !Replaced(h.Date, h.Date)).Concat(holidays).OrderBy(h => h.Date)],
            Exceptions = [.. calendar.Exceptions.Where(e => !Replaced(e.From, e.To)).Concat(exceptions).OrderBy(e => e.From)],
        };
    }

    /// <summary>The holidays and closed (or shortened) dates an .ics file describes for <paramref name="calendar"/>.</summary>
    public static (IReadOnlyList<Holiday> Holidays, IReadOnlyList<CalendarException> Exceptions) Read(BusinessCalendar calendar, string ics, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(ics);
        if (Encoding.UTF8.GetByteCount(ics) > MaxBytes)
        {
            throw new CalendarImportException($"The file is larger than {MaxBytes / 1024} KB.");
        }

        var file = Parse(ics);
        if (file.Events.Count > MaxEvents)
        {
            throw new CalendarImportException($"The file has {file.Events.Count} events; at most {MaxEvents} are read.");
        }

        // Ical.Net skips a value it cannot read rather than failing; an event without a start would silently vanish.
        if (file.Events.FirstOrDefault(e => e.DtStart is null) is { } unreadable)
        {
            throw new CalendarImportException($"The file's event '{Text(unreadable.Summary) ?? unreadable.Uid}' has no readable start (DTSTART).");
        }

        var end = today.AddYears(YearsAhead);
        List<Occurrence> occurrences;
        try
        {
            occurrences = [.. file.GetOccurrences(new CalDateTime(today), null).TakeWhileBefore(new CalDateTime(end)).Take(MaxEvents + 1)];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CalendarImportException($"The file's events could not be read: {e.Message}", e);
        }

        if (occurrences.Count > MaxEvents)
        {
            throw new CalendarImportException($"The file's events happen more than {MaxEvents} times in the next {YearsAhead} years.");
        }

        var holidays = new Dictionary<DateOnly, Holiday>();
        var closed = new List<CalendarException>();
        var shortened = new SortedDictionary<DateOnly, (string? Reason, List<(Instant Start, Instant End)> Spans)>();
        foreach (var occurrence in occurrences)
        {
            var summary = Text(occurrence.Source is Ical.Net.CalendarComponents.CalendarEvent e ? e.Summary : null);
            var period = occurrence.Period;
            var lastEnd = period.EffectiveEndTime ?? period.StartTime;
            if (!period.StartTime.HasTime)
            {
                var to = lastEnd.Date > period.StartTime.Date ? lastEnd.Date.AddDays(-1) : period.StartTime.Date; // DTEND is exclusive
                if (to == period.StartTime.Date)
                {
                    holidays.TryAdd(to, new Holiday(to, summary ?? "Holiday"));
                }
                else
                {
                    closed.Add(new CalendarException(period.StartTime.Date, to, summary, []));
                }

                continue;
            }

            var (start, stop) = (ToInstant(period.StartTime, calendar.Zone), ToInstant(lastEnd, calendar.Zone));
            var lastMoment = stop > start ? stop - NodaTime.Duration.Epsilon : stop; // a span to midnight does not touch the next date
            // Only the dates of the window: a hostile event spanning a century must not make 36,500 exceptions.
            var (first, last) = (LocalDate.Max(start.InZone(calendar.Zone).Date, LocalDate.FromDateOnly(today)), LocalDate.Min(lastMoment.InZone(calendar.Zone).Date, LocalDate.FromDateOnly(end)));
            for (var date = first; date <= last; date = date.PlusDays(1))
            {
                var day = date.ToDateOnly();
                if (!shortened.TryGetValue(day, out var entry))
                {
                    shortened[day] = entry = (summary, []);
                }

                entry.Spans.Add((start, stop));
            }
        }

        var exceptions = closed.Concat(shortened
            .Where(d => !holidays.ContainsKey(d.Key) && !closed.Any(c => c.From <= d.Key && d.Key <= c.To))
            .Select(d => new CalendarException(d.Key, d.Key, d.Value.Reason, HoursOutside(calendar, d.Key, d.Value.Spans))));
        return ([.. holidays.Values.OrderBy(h => h.Date)], [.. exceptions.OrderBy(e => e.From)]);
    }

    private static IcalCalendar Parse(string ics)
    {
        IcalCalendar? file;
        try
        {
            file = IcalCalendar.Load(ics);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CalendarImportException($"The file is not an iCalendar (.ics) file: {e.Message}", e);
        }

        return file ?? throw new CalendarImportException("The file is not an iCalendar (.ics) file: no BEGIN:VCALENDAR found.");
    }

    /// <summary>The date's usual hours with the closed spans taken out (to the minute).</summary>
    private static List<OpeningHours> HoursOutside(BusinessCalendar calendar, DateOnly day, List<(Instant Start, Instant End)> closedSpans)
    {
        var date = LocalDate.FromDateOnly(day);
        var open = new List<OpeningHours>();
        foreach (var hours in calendar.HoursOn(day))
        {
            var pieces = new List<(LocalDateTime Start, LocalDateTime End)> { (date + hours.Open, (hours.Close <= hours.Open ? date.PlusDays(1) : date) + hours.Close) };
            foreach (var (spanStart, spanEnd) in closedSpans)
            {
                var (cut1, cut2) = (spanStart.InZone(calendar.Zone).LocalDateTime, spanEnd.InZone(calendar.Zone).LocalDateTime);
                pieces = [.. pieces.SelectMany(p => new[] { (p.Start, Min(p.End, cut1)), (Max(p.Start, cut2), p.End) }).Where(p => p.Item1 < p.Item2)];
            }

            // A piece is at most a day long, so its times say it all (a close at or before the open is the next day).
            open.AddRange(pieces.Select(p => new OpeningHours(p.Start.TimeOfDay, p.End.TimeOfDay)));
        }

        return open;
    }

    private static LocalDateTime Min(LocalDateTime a, LocalDateTime b) => a < b ? a : b;

    private static LocalDateTime Max(LocalDateTime a, LocalDateTime b) => a > b ? a : b;

    /// <summary>A time with a zone (or UTC) is that instant; a floating time is read in the calendar's zone.</summary>
    private static Instant ToInstant(CalDateTime time, DateTimeZone zone) =>
        time.TzId is null
            ? LocalDateTime.FromDateTime(time.Value).InZoneLeniently(zone).ToInstant()
            : Instant.FromDateTimeUtc(DateTime.SpecifyKind(time.AsUtc, DateTimeKind.Utc));

    private static string? Text(string? summary)
    {
        if (string.IsNullOrWhiteSpace(summary))
        {
            return null;
        }

        var clean = new string([.. summary.Trim().Select(c => char.IsControl(c) ? ' ' : c)]);
        return clean.Length <= CalendarValidation.MaxTextLength ? clean : clean[..CalendarValidation.MaxTextLength];
    }
}
