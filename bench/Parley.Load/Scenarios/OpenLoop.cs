using System.Diagnostics;
using System.Runtime.InteropServices;
using Parley.Load.Measurement;

namespace Parley.Load.Scenarios;

/// <summary>
/// An open-loop schedule: event <c>k</c> is due at a time fixed in advance (evenly spaced at the rate, or with
/// exponential gaps for Poisson arrivals), whether or not earlier events have been answered. Each due event is
/// handed to <c>fire</c> with its intended time, which must start its work and return at once; latencies are then
/// measured from the intended time, so a slow server (or a late client) cannot hide its queueing delay
/// (coordinated omission).
/// </summary>
/// <remarks>
/// The schedule runs on a thread of its own that sleeps until each due time with microsecond resolution (libc
/// <c>usleep</c> on Linux and macOS; elsewhere whole milliseconds), never spinning, so it leaves the CPU to the
/// server. How late events actually went is the <c>sendLag</c> latency.
/// </remarks>
public static partial class OpenLoop
{
    /// <summary>Longest single sleep, so that cancellation is noticed.</summary>
    private const long MaxSleepMicroseconds = 100_000;

    /// <param name="rate">Events per second.</param>
    /// <param name="startTicks">When event 0 is due.</param>
    /// <param name="endTicks">No event is due at or after this (<see cref="long.MaxValue"/>: none).</param>
    /// <param name="count">At most this many events (<see cref="long.MaxValue"/>: no limit).</param>
    /// <param name="fire">Called on the schedule's thread with the event's index and intended time (ticks).</param>
    /// <returns>How many events were fired.</returns>
    public static Task<long> RunAsync(
        double rate, long startTicks, long endTicks, long count, bool poisson, Random random, Action<long, long> fire, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.TrySetResult(Run(rate, startTicks, endTicks, count, poisson, random, fire, cancellationToken));
            }
            catch (OperationCanceledException e)
            {
                done.TrySetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "open-loop schedule",
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        return done.Task;
    }

    private static long Run(double rate, long startTicks, long endTicks, long count, bool poisson, Random random, Action<long, long> fire, CancellationToken cancellationToken)
    {
        long index = 0;
        double offset = 0;
        var next = startTicks;
        while (index < count && next < endTicks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = Clock.Microseconds(Clock.Now, next);
            if (remaining > 0)
            {
                Sleep(Math.Min(remaining, MaxSleepMicroseconds));
                continue;
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

    private static void Sleep(long microseconds)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = USleep((uint)microseconds);
        }
        else
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(Math.Max(1, microseconds / 1000)));
        }
    }

    [LibraryImport("libc", EntryPoint = "usleep")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int USleep(uint microseconds);
}
