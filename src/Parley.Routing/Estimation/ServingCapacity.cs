namespace Parley.Routing.Estimation;

/// <summary>The chat slots serving a queue right now, for the wait estimate.</summary>
/// <param name="Slots">Slots of the staffed members (an agent shared with other queues that have waiting chats counts in part).</param>
/// <param name="FreeNow">Of those, slots free now on agents who can take an offer.</param>
/// <param name="FreeingPerSecond">How many slots free up per second right now: for each taken slot whose remaining time is known, its share ÷ that time.</param>
/// <param name="Cycle">Mean time a slot is taken per chat of this queue: handle time plus wrap-up.</param>
public readonly record struct ServingCapacity(double Slots, double FreeNow, double FreeingPerSecond, TimeSpan Cycle)
{
    /// <summary>
    /// As seen by a chat already waiting without an offer: the free slots there are were not offered to it (skills it
    /// needs, an offer it declined), so they serve it only like any slot, once per cycle.
    /// </summary>
    public ServingCapacity ForQueuedChat() =>
        FreeNow <= 0 ? this : this with { FreeNow = 0, FreeingPerSecond = FreeingPerSecond + (FreeNow / Math.Max(1, Cycle.TotalSeconds)) };
}
