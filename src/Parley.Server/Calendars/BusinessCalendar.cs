using NodaTime;
using NodaTime.TimeZones;

namespace Parley.Server.Calendars;

/// <summary>
/// A checked <see cref="CalendarDefinition"/> that answers "open at this instant?", "when do we open next?" and "when
/// does that change?". Pure: the caller passes every instant (no clock is read), and the zone rules are NodaTime's
/// embedded database, so an answer is the same on every machine.
/// </summary>
/// <remarks>
/// Every local time resolves to the first instant the wall clock reaches it: in a daylight-saving gap (the clock jumps
/// from 02:00 to 03:00) a time inside the gap is the jump itself (03:00 new time), so an interval that lies wholly in
/// the gap does not happen that day; in an overlap (01:00–02:00 twice) it is the first pass, so 08:00–01:30 on the
/// autumn night ends at the first 01:30. An interval belongs to the date it opens on: an overnight shift from a normal
/// Friday runs into a Saturday holiday, and a holiday's own intervals are the ones that do not happen.
/// </remarks>
public sealed class BusinessCalendar
{
    /// <summary>How far <see cref="NextOpening"/> and <see cref="NextChange"/> look ahead.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(400);

    private static readonly ZoneLocalMappingResolver FirstReached =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private readonly OpeningHours[][] _weekly; // by DayOfWeek, ordered by opening time
    private readonly CalendarException[] _exceptions; // ordered by date, never overlapping
    private readonly HashSet<DateOnly> _holidays;

    private BusinessCalendar(CalendarDefinition definition, DateTimeZone zone)
    {
        Definition = definition;
        Zone = zone;
        _weekly = [.. Enum.GetValues<DayOfWeek>().Select(day => definition.Weekly.Where(w => w.Day == day)
            .Select(w => new OpeningHours(w.Open, w.Close)).OrderBy(h => h.Open).ToArray())];
        _exceptions = [.. definition.Exceptions.OrderBy(e => e.From)];
        _holidays = [.. definition.Holidays.Select(h => h.Date)];
    }

    public CalendarDefinition Definition { get; }

    public string Name => Definition.Name;

    public DateTimeZone Zone { get; }

    /// <summary>The calendar of a definition; throws <see cref="InvalidCalendarException"/> naming every invalid field.</summary>
    public static BusinessCalendar Create(CalendarDefinition definition)
    {
        var errors = CalendarValidation.Validate(definition);
        return errors.Count == 0
            ? new BusinessCalendar(definition, CalendarValidation.FindZone(definition.TimeZone)!)
            : throw new InvalidCalendarException(definition.Name, errors);
    }

    public bool IsOpen(DateTimeOffset at)
    {
        var instant = Instant.FromDateTimeOffset(at);
        var date = instant.InZone(Zone).Date;
        // An interval lasts at most a day (25 hours across a DST change), so one that covers now opened at most two dates ago.
        return OpenPeriods(date.PlusDays(-2), date).TakeWhile(p => p.Start <= instant).Any(p => instant < p.End);
    }

    /// <summary>
    /// The first opening after <paramref name="after"/> (in UTC); when open then, the opening after the current
    /// period ends. Null when nothing opens within <see cref="Horizon"/>.
    /// </summary>
    public DateTimeOffset? NextOpening(DateTimeOffset after)
    {
        var instant = Instant.FromDateTimeOffset(after);
        return Within(instant, Ahead(instant).Select(p => p.Start).FirstOrDefault(start => start > instant));
    }

    /// <summary>
    /// The next instant after <paramref name="after"/> at which open flips to closed or back (in UTC), or null when
    /// it does not flip within <see cref="Horizon"/>.
    /// </summary>
    public DateTimeOffset? NextChange(DateTimeOffset after)
    {
        var instant = Instant.FromDateTimeOffset(after);
        var period = Ahead(instant).FirstOrDefault(p => p.End > instant);
        return period.End == default ? null : Within(instant, period.Start <= instant ? period.End : period.Start);
    }

    /// <summary>The hours of a date: an exception's, none on a holiday, else the weekly ones of its day.</summary>
    public IReadOnlyList<OpeningHours> HoursOn(DateOnly date)
    {
        foreach (var exception in _exceptions)
        {
            if (exception.From > date)
            {
                break;
            }

            if (date <= exception.To)
            {
                return exception.Hours;
            }
        }

        return _holidays.Contains(date) ? [] : _weekly[(int)date.DayOfWeek];
    }

    private IEnumerable<(Instant Start, Instant End)> Ahead(Instant from)
    {
        var date = from.InZone(Zone).Date;
        return OpenPeriods(date.PlusDays(-2), date.PlusDays(Horizon.Days + 2));
    }

    private static DateTimeOffset? Within(Instant from, Instant change) =>
        change != default && change - from <= Duration.FromTimeSpan(Horizon) ? change.ToDateTimeOffset() : null;

    /// <summary>
    /// The open periods of the intervals that open on <paramref name="first"/> to <paramref name="last"/>, in order,
    /// touching and overlapping ones merged (a shift to midnight and one from midnight are one period).
    /// </summary>
    private IEnumerable<(Instant Start, Instant End)> OpenPeriods(LocalDate first, LocalDate last)
    {
        (Instant Start, Instant End)? current = null;
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            foreach (var hours in HoursOn(date.ToDateOnly()))
            {
                var start = Resolve(date + hours.Open);
                var end = Resolve((hours.Close <= hours.Open ? date.PlusDays(1) : date) + hours.Close);
                if (end <= start)
                {
                    continue; // wholly inside a daylight-saving gap
                }

                if (current is { } open && start <= open.End)
                {
                    current = (open.Start, end > open.End ? end : open.End);
                    continue;
                }

                if (current is { } done)
                {
                    yield return done;
                }

                current = (start, end);
            }
        }

        if (current is { } last1)
        {
            yield return last1;
        }
    }

    private Instant Resolve(LocalDateTime local) => Zone.ResolveLocal(local, FirstReached).ToInstant();
}
