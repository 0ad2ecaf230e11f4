namespace Parley.Routing.Estimation;

/// <summary>
/// Estimated wait for a chat in a queue: the queue is served by the chat slots of its signed-in agents, each slot
/// freeing once per handle time (plus wrap-up), so the k-th chat not yet offered waits about k × handle time ÷ slots.
/// A chat being offered already holds a slot of the agent it is offered to and waits only for them to accept. See
/// docs/routing.md.
/// </summary>
/// <remarks>
/// Counting offered chats as waiting for a slot made the estimate about 2.4 times the actual wait at 70 % utilisation
/// (most chats are offered at once) and cost a third of its accuracy at 85 %; see the simulation in
/// tests/Parley.Routing.Tests/Simulation.
/// </remarks>
public static class WaitEstimator
{
    /// <param name="position">1 = next in line, counting only chats not yet offered (offered ones already hold a slot).</param>
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

    /// <summary>The estimate for a chat in a queue: zero while it is being offered, else by its place among the chats not yet offered.</summary>
    /// <param name="offered">The chat is being offered to an agent (its stage is <see cref="ConversationStage.Offered"/>).</param>
    /// <param name="unofferedPosition">1 + the number of chats ahead of it that are not being offered.</param>
    public static TimeSpan? Estimate(bool offered, int unofferedPosition, double slots, TimeSpan cycleTime) =>
        offered ? (slots > 0 ? TimeSpan.Zero : null) : Estimate(unofferedPosition, slots, cycleTime);
}
