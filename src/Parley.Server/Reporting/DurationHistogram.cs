using System.Globalization;

namespace Parley.Server.Reporting;

/// <summary>
/// Counts of durations in fixed buckets, stored as text ("0,3,1": counts from the first bucket on, trailing zeros left
/// out). The edges never change, so 15-minute buckets add up into any interval and a percentile read from the sum is
/// as exact as the buckets: it is the upper edge of the bucket that holds it (capped by the longest duration seen).
/// </summary>
public sealed class DurationHistogram
{
    /// <summary>The buckets' upper edges in seconds (exclusive); the last bucket is everything from 7,200 s on.</summary>
    public static readonly IReadOnlyList<int> UpperEdgesSeconds =
        [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, 420, 600, 900, 1_200, 1_800, 2_700, 3_600, 5_400, 7_200];

    private readonly long[] _counts = new long[UpperEdgesSeconds.Count + 1];

    public long Count => _counts.Sum();

    public static DurationHistogram Parse(string? text)
    {
        var histogram = new DurationHistogram();
        histogram.AddText(text);
        return histogram;
    }

    public void Add(long durationMs)
    {
        var i = 0;
        while (i < UpperEdgesSeconds.Count && durationMs >= UpperEdgesSeconds[i] * 1000L)
        {
            i++;
        }

        _counts[i]++;
    }

    /// <summary>Adds a stored histogram's counts.</summary>
    public void AddText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var i = 0;
        foreach (var part in text.AsSpan().Split(','))
        {
            _counts[i++] += long.Parse(text.AsSpan()[part], CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// The duration below which <paramref name="share"/> of the counts lie, in seconds: the upper edge of its bucket,
    /// capped by the longest duration when known (null when empty; the last bucket's is its lower edge without one).
    /// </summary>
    public double? PercentileSeconds(double share, long? longestMs = null)
    {
        var total = Count;
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(share * total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                var edge = i < UpperEdgesSeconds.Count ? UpperEdgesSeconds[i] : longestMs is null ? UpperEdgesSeconds[^1] : double.MaxValue;
                return longestMs is { } longest ? Math.Min(edge, longest / 1000.0) : edge;
            }
        }

        return null;
    }

    public override string ToString()
    {
        var last = Array.FindLastIndex(_counts, c => c != 0);
        return last < 0 ? "" : string.Join(',', _counts.Take(last + 1).Select(c => c.ToString(CultureInfo.InvariantCulture)));
    }
}
