using NodaTime;

namespace Parley.Server.Reporting;

/// <summary>
/// The report's intervals in its time zone: 15 min, 30 min and 1 h are clock intervals there (a 15-minute UTC bucket lies
/// in exactly one of them for every zone whose offset is a multiple of 15 minutes), 1 d runs from local midnight to local
/// midnight (23 or 25 hours on a daylight-saving day), 1 w from Monday 00:00.
/// </summary>
public sealed class ReportIntervals
{
    /// <summary>The roll-ups' bucket: 15 minutes of UTC.</summary>
    public const long BucketMs = 15 * 60 * 1000;

    private readonly ReportInterval _interval;
    private readonly DateTimeZone _zone;

    public ReportIntervals(ReportInterval interval, string timeZone)
    {
        _interval = interval;
        _zone = DateTimeZoneProviders.Tzdb[timeZone];
    }

    /// <summary>The bucket that holds an instant (Unix ms).</summary>
    public static long BucketOf(long unixMs) => unixMs - (((unixMs % BucketMs) + BucketMs) % BucketMs);

    /// <summary>Whether an interval is a day or a week (agents' figures then go to their shift's start).</summary>
    public bool IsCalendar => _interval is ReportInterval.Day or ReportInterval.Week;

    // The last interval answered: reports read in time order, so most calls fall in it (no zone arithmetic).
    private long _lastStart = long.MaxValue;
    private long _lastEnd = long.MinValue;

    /// <summary>The start of the interval that holds an instant (Unix ms).</summary>
    public long StartOf(long unixMs)
    {
        if (unixMs >= _lastStart && unixMs < _lastEnd)
        {
            return _lastStart;
        }

        var start = Compute(unixMs);
        (_lastStart, _lastEnd) = (start, EndOf(start));
        return start;
    }

    private long Compute(long unixMs)
    {
        var instant = Instant.FromUnixTimeMilliseconds(unixMs);
        var local = instant.InZone(_zone);
        switch (_interval)
        {
            case ReportInterval.Day:
                return _zone.AtStartOfDay(local.Date).ToInstant().ToUnixTimeMilliseconds();
            case ReportInterval.Week:
                var monday = local.Date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
                return _zone.AtStartOfDay(monday).ToInstant().ToUnixTimeMilliseconds();
            default:
                // Offsets change on whole quarter hours, so going back by the local minutes stays in the same offset.
                var minutes = _interval switch { ReportInterval.Minutes30 => 30, ReportInterval.Hour => 60, _ => 15 };
                var into = local.TimeOfDay.Minute % minutes * 60_000L + local.TimeOfDay.Second * 1000L + local.TimeOfDay.Millisecond;
                return unixMs - into;
        }
    }

    /// <summary>The end of the interval that starts at <paramref name="startMs"/>.</summary>
    public long EndOf(long startMs)
    {
        var local = Instant.FromUnixTimeMilliseconds(startMs).InZone(_zone);
        return _interval switch
        {
            ReportInterval.Day => _zone.AtStartOfDay(local.Date.PlusDays(1)).ToInstant().ToUnixTimeMilliseconds(),
            ReportInterval.Week => _zone.AtStartOfDay(local.Date.PlusWeeks(1)).ToInstant().ToUnixTimeMilliseconds(),
            ReportInterval.Minutes30 => startMs + 2 * BucketMs,
            ReportInterval.Hour => startMs + 4 * BucketMs,
            _ => startMs + BucketMs,
        };
    }

    /// <summary>The buckets [from, to) that the intervals overlapping [<paramref name="from"/>, <paramref name="to"/>) cover.</summary>
    public (long From, long To) Span(DateTimeOffset from, DateTimeOffset to) =>
        (StartOf(from.ToUnixTimeMilliseconds()), EndOf(StartOf(to.ToUnixTimeMilliseconds() - 1)));

    /// <summary>An interval's start as the zone shows it (with the zone's offset at that instant).</summary>
    public DateTimeOffset Show(long unixMs) => Instant.FromUnixTimeMilliseconds(unixMs).InZone(_zone).ToDateTimeOffset();

    /// <summary>The local date of an instant, as yyyy-MM-dd.</summary>
    public string Date(long unixMs) =>
        Instant.FromUnixTimeMilliseconds(unixMs).InZone(_zone).Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
