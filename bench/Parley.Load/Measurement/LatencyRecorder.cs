using HdrHistogram;

namespace Parley.Load.Measurement;

/// <summary>
/// An HdrHistogram of one latency, in microseconds (1 µs to 1 hour, 3 significant digits): the whole run's
/// measured window, plus an interval histogram that the timeline takes and resets once a second.
/// </summary>
public sealed class LatencyRecorder(string name, string description)
{
    private const long Highest = 3_600_000_000L;
    private readonly Lock _gate = new();
    private readonly LongHistogram _total = new(Highest, 3);
    private readonly LongHistogram _interval = new(Highest, 3);

    public string Name { get; } = name;

    public string Description { get; } = description;

    /// <param name="measured">False during warm-up: the value shows on the timeline, not in the result.</param>
    public void Record(long microseconds, bool measured = true)
    {
        var value = Math.Clamp(microseconds, 1, Highest);
        lock (_gate)
        {
            _interval.RecordValue(value);
            if (measured)
            {
                _total.RecordValue(value);
            }
        }
    }

    public void RecordTicks(long fromTicks, long toTicks, bool measured = true) => Record(Clock.Microseconds(fromTicks, toTicks), measured);

    public LatencySummary Summary()
    {
        lock (_gate)
        {
            return LatencySummary.Of(_total);
        }
    }

    /// <summary>What was recorded since the last call.</summary>
    public LatencySummary TakeInterval()
    {
        lock (_gate)
        {
            var summary = LatencySummary.Of(_interval);
            _interval.Reset();
            return summary;
        }
    }
}

/// <summary>Percentiles in milliseconds (null when nothing was recorded).</summary>
public sealed record LatencySummary(long Count, double? P50, double? P90, double? P99, double? P999, double? Max, double? Mean)
{
    public static readonly LatencySummary Empty = new(0, null, null, null, null, null, null);

    internal static LatencySummary Of(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return Empty;
        }

        return new(
            histogram.TotalCount,
            Ms(histogram.GetValueAtPercentile(50)),
            Ms(histogram.GetValueAtPercentile(90)),
            Ms(histogram.GetValueAtPercentile(99)),
            Ms(histogram.GetValueAtPercentile(99.9)),
            Ms(histogram.GetMaxValue()),
            Math.Round(histogram.GetMean() / 1000.0, 3));
    }

    private static double Ms(long microseconds) => Math.Round(microseconds / 1000.0, 3);
}
