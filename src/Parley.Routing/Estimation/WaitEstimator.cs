namespace Parley.Routing.Estimation;

/// <summary>
/// Estimated wait for the chat at a given position: the queue is served by the chat slots of its signed-in
/// agents, each slot freeing once per handle time (plus wrap-up), so the k-th chat waits about
/// k × handle time ÷ slots. See docs/routing.md.
/// </summary>
public static class WaitEstimator
{
    /// <param name="position">1 = next in line.</param>
    /// <param name="slots">Chat slots serving the queue (an agent shared with other busy queues counts in part).</param>
    /// <param name="cycleTime">Mean time a slot is taken per chat: handle time plus wrap-up.</param>
    /// <returns>Null when nobody serves the queue: no honest estimate exists.</returns>
    public static TimeSpan? Estimate(int position, double slots, TimeSpan cycleTime)
    {
        if (slots <= 0 || position < 1)
        {
            return null;
        }

        return TimeSpan.FromTicks((long)(position * cycleTime.Ticks / slots));
    }
}
