using NodaTime;

namespace Parley.Server.Reporting;

/// <summary>
/// A report's intervals in its time zone, on Unix milliseconds: 15 and 30 minutes and hours are clock intervals (so an
/// hour repeated when daylight saving ends is two rows, each with its own offset), days run from local midnight to
/// local midnight (23 or 25 hours on a change), weeks from Monday 00:00. Every start is a 15-minute UTC bucket edge for
/// zones whose offset is a multiple of 15 minutes, so the buckets compose into the intervals.
/// </summary>
public sealed class ReportZoneIntervals
{
    private readonly DateTimeZone _zone;
    private readonly ReportInterval _interval;

    public ReportZoneIntervals(string timeZone, ReportInterval interval)
    {
        _zone = DateTimeZoneProviders.Tzdb[timeZone];
        _interval = interval;
    }

    /// <summary>Whether an interval is a day or a week (agents' figures then go to their shift's start).</summary>
    public bool IsCalendar => _interval is ReportInterval.Day or ReportInterval.Week;

    /// <summary>The start of the interval that holds <paramref name="at"/>.</summary>
    public long Start(long at)
    {
        var zoned = Instant.FromUnixTimeMilliseconds(at).InZone(_zone);
        switch (_interval)
        {
            case ReportInterval.Day:
                return _zone.AtStartOfDay(zoned.Date).ToInstant().ToUnixTimeMilliseconds();
            case ReportInterval.Week:
                var monday = zoned.Date.PlusDays(-((int)zoned.Date.DayOfWeek - (int)IsoDayOfWeek.Monday));
                return _zone.AtStartOfDay(monday).ToInstant().ToUnixTimeMilliseconds();
            default:
                // The clock's time floored, at the offset of that moment (an hour that comes twice stays two hours).
                var minutes = _interval switch { ReportInterval.Minutes30 => 30, ReportInterval.Hour => 60, _ => 15 };
                var sinceMidnight = zoned.TimeOfDay.NanosecondOfDay / 1_000_000;
                return at - (sinceMidnight % (minutes * 60_000L));
        }
    }

    /// <summary>The start of the interval after the one that starts at <paramref name="start"/>.</summary>
    public long Next(long start) => _interval switch
    {
        ReportInterval.Day => Start(Midnight(start, 1)),
        ReportInterval.Week => Start(Midnight(start, 7)),
        ReportInterval.Minutes30 => start + (30 * 60_000L),
        ReportInterval.Hour => start + (60 * 60_000L),
        _ => start + (15 * 60_000L),
    };

    /// <summary>[start of the first, end of the last) interval that overlaps [from, to).</summary>
    public (long Start, long End) Range(DateTimeOffset from, DateTimeOffset to) =>
        (Start(from.ToUnixTimeMilliseconds()), Next(Start(to.ToUnixTimeMilliseconds() - 1)));

    /// <summary>An instant as a time with the zone's offset at that instant.</summary>
    public DateTimeOffset Local(long at) => Instant.FromUnixTimeMilliseconds(at).InZone(_zone).ToDateTimeOffset();

    /// <summary>The local date of an instant, as yyyy-MM-dd.</summary>
    public string Date(long at) => Instant.FromUnixTimeMilliseconds(at).InZone(_zone).Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private long Midnight(long start, int days)
    {
        var date = Instant.FromUnixTimeMilliseconds(start).InZone(_zone).Date.PlusDays(days);
        return _zone.AtStartOfDay(date).ToInstant().ToUnixTimeMilliseconds();
    }
}
