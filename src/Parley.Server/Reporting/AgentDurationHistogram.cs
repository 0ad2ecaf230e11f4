using System.Globalization;

namespace Parley.Server.Reporting;

/// <summary>
/// Counts of durations in fixed buckets, stored as text ("3,0,1,…") in an agent's interval row. The edges never change, so
/// buckets of any rows add up count by count and a percentile of a day or a week comes out of its 15-minute rows.
/// </summary>
public static class AgentDurationHistogram
{
    /// <summary>Upper edges (seconds) of the handle-time buckets; the last bucket is open.</summary>
    public static readonly int[] HandleEdges = [30, 60, 120, 180, 240, 300, 420, 600, 900, 1200, 1800, 2700, 3600];

    /// <summary>Upper edges (seconds) of the first-response buckets; the last bucket is open.</summary>
    public static readonly int[] FirstResponseEdges = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600];

    /// <summary>The bucket of a duration: the first whose upper edge is above it.</summary>
    public static int Bucket(int[] edges, long durationMs)
    {
        var i = 0;
        while (i < edges.Length && durationMs >= edges[i] * 1000L)
        {
            i++;
        }

        return i;
    }

    /// <summary>Adds the stored counts of <paramref name="text"/> to <paramref name="counts"/> (edges.Length + 1 long).</summary>
    public static void AddTo(long[] counts, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var i = 0;
        foreach (var range in text.AsSpan().Split(','))
        {
            if (i < counts.Length)
            {
                counts[i++] += long.Parse(text.AsSpan()[range], CultureInfo.InvariantCulture);
            }
        }
    }

    public static string Format(long[] counts) => string.Join(',', counts.Select(c => c.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// The duration (seconds) below which <paramref name="fraction"/> of the counted ones lie, interpolated linearly in
    /// its bucket (from the bucket's lower edge to its upper one; the open last bucket answers its lower edge). Null
    /// when nothing was counted.
    /// </summary>
    public static double? Percentile(int[] edges, long[] counts, double fraction)
    {
        var total = counts.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = fraction * total;
        long below = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0 && below + counts[i] >= rank)
            {
                double lower = i == 0 ? 0 : edges[i - 1];
                if (i == edges.Length)
                {
                    return lower;
                }

                return lower + ((edges[i] - lower) * (rank - below) / counts[i]);
            }

            below += counts[i];
        }

        return edges[^1];
    }
}
