using System.Diagnostics;

namespace Parley.Load.Measurement;

/// <summary>
/// One monotonic clock for everything the tool measures: <see cref="Stopwatch"/> ticks. Sender and receiver run in
/// this process, so a latency is a difference of two readings of the same clock.
/// </summary>
public static class Clock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    public static long Microseconds(long fromTicks, long toTicks) =>
        (long)Math.Round((toTicks - fromTicks) * 1_000_000.0 / Stopwatch.Frequency);

    public static double Seconds(long fromTicks, long toTicks) => (toTicks - fromTicks) / (double)Stopwatch.Frequency;

    /// <summary>How long until <paramref name="ticks"/> (zero when it has passed).</summary>
    public static TimeSpan Until(long ticks)
    {
        var remaining = ticks - Now;
        return remaining <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(remaining / (double)Stopwatch.Frequency);
    }
}
