using System.Diagnostics;
using Parley.Load.Measurement;

namespace Parley.Load.Scenarios;

/// <summary>
/// An open-loop schedule: event <c>k</c> is due at a time fixed in advance (evenly spaced at the rate, or with
/// exponential gaps for Poisson arrivals), whether or not earlier events have been answered. Each due event is
/// handed to <c>fire</c> with its intended time, which must start its work and return at once; latencies are then
/// measured from the intended time, so a slow server (or a late client) cannot hide its queueing delay
/// (coordinated omission).
/// </summary>
public static class OpenLoop
{
    /// <param name="rate">Events per second.</param>
    /// <param name="startTicks">When event 0 is due.</param>
    /// <param name="endTicks">No event is due at or after this (<see cref="long.MaxValue"/>: none).</param>
    /// <param name="count">At most this many events (<see cref="long.MaxValue"/>: no limit).</param>
    /// <param name="fire">Called with the event's index and intended time (ticks).</param>
    /// <returns>How many events were fired.</returns>
    public static async Task<long> RunAsync(
        double rate, long startTicks, long endTicks, long count, bool poisson, Random random, Action<long, long> fire, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        long index = 0;
        double offset = 0;
        var next = startTicks;
        while (index < count && next < endTicks)
        {
            var wait = Clock.Until(next);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var now = Clock.Now;
            while (index < count && next < endTicks && next <= now)
            {
                fire(index, next);
                index++;
                offset += poisson ? -Math.Log(1 - random.NextDouble()) / rate : 1 / rate;
                next = startTicks + (long)(offset * Stopwatch.Frequency);
            }
        }

        return index;
    }
}
