namespace Parley.Routing.Estimation;

/// <summary>
/// Estimated wait for a chat in a queue. The k-th chat not yet offered gets the k-th slot to free: slots free now go
/// first; then the taken ones, at the rate their chats in progress are expected to end (how long each has run against
/// the queue's recent handle times); beyond the slots there are, each slot frees once per cycle. With every chat in
/// progress at the same rate this is the steady k × cycle ÷ slots. A chat being offered already holds a slot of the
/// agent it is offered to and waits only for them to accept. See docs/routing.md.
/// </summary>
/// <remarks>
/// The steady k × cycle ÷ slots alone told a customer behind a busy agent "less than a minute" for as long as the
/// agent's chats went on (11½ minutes in the report): it ignored how long the chats in progress had already run.
/// Counting offered chats as waiting for a slot made the estimate about 2.4 times the actual wait at 70 %
/// utilisation. See the simulation in tests/Parley.Routing.Tests/Simulation.
/// </remarks>
public static class WaitEstimator
{
    /// <param name="position">1 = next in line, counting only chats not yet offered (offered ones already hold a slot).</param>
    /// <returns>The estimate, or why there is none: nobody serves the queue, or every slot is held by a chat that has
    /// outlasted all known handle times (nothing honest to say about when one frees).</returns>
    public static (TimeSpan? Wait, NoEstimateReason? Why) Estimate(int position, ServingCapacity capacity)
    {
        if (capacity.Slots <= 0 || position < 1)
        {
            return (null, NoEstimateReason.NobodyServing);
        }

        var needed = position - capacity.FreeNow;
        if (needed <= 0)
        {
            return (TimeSpan.Zero, null);
        }

        if (capacity.FreeingPerSecond <= 0)
        {
            return (null, NoEstimateReason.AgentsBusy);
        }

        var taken = Math.Max(capacity.Slots - capacity.FreeNow, double.Epsilon);
        var fromTaken = Math.Min(needed, taken) / capacity.FreeingPerSecond;
        var beyond = Math.Max(0, needed - taken) * capacity.Cycle.TotalSeconds / capacity.Slots;
        return (TimeSpan.FromSeconds(fromTaken + beyond), null);
    }

    /// <summary>The estimate for a chat waiting in a queue: zero while it is being offered, else by its place among the chats not yet offered.</summary>
    /// <param name="offered">The chat is being offered to an agent (its stage is <see cref="ConversationStage.Offered"/>).</param>
    /// <param name="unofferedPosition">1 + the number of chats ahead of it that are not being offered.</param>
    public static (TimeSpan? Wait, NoEstimateReason? Why) Estimate(bool offered, int unofferedPosition, ServingCapacity capacity) =>
        offered
            ? capacity.Slots > 0 ? (TimeSpan.Zero, null) : (null, NoEstimateReason.NobodyServing)
            : Estimate(unofferedPosition, capacity.ForQueuedChat());
}
