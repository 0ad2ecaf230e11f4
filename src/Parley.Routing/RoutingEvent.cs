namespace Parley.Routing;

/// <summary>Something the engine decided; the host carries it out (notifies, stores).</summary>
public abstract record RoutingEvent;

/// <summary>A waiting conversation was offered to an agent until <paramref name="ExpiresAt"/>.</summary>
public sealed record OfferCreated(Guid OfferId, Guid ConversationId, string AgentId, string Queue, DateTimeOffset OfferedAt, DateTimeOffset ExpiresAt) : RoutingEvent;

/// <summary>An offer ended without the agent accepting it.</summary>
public sealed record OfferWithdrawn(Guid OfferId, Guid ConversationId, string AgentId, OfferEndReason Reason) : RoutingEvent;

/// <summary>An agent accepted an offer: the conversation is theirs.</summary>
public sealed record ConversationAssigned(Guid ConversationId, string AgentId, string Queue, DateTimeOffset AssignedAt) : RoutingEvent;

/// <summary>The position of a waiting conversation in its queue (1 = next) changed.</summary>
public sealed record QueuePositionChanged(Guid ConversationId, string Queue, int Position) : RoutingEvent;

/// <summary>The engine changed an agent's presence on its own (for example after a missed offer).</summary>
public sealed record AgentPresenceChanged(string AgentId, AgentPresence Presence, string? Reason) : RoutingEvent;

public enum OfferEndReason
{
    Declined,
    TimedOut,
    /// <summary>The agent became unavailable (Away, Offline) while the offer was open.</summary>
    AgentUnavailable,
    /// <summary>The conversation ended while it was being offered.</summary>
    ConversationEnded,
}
