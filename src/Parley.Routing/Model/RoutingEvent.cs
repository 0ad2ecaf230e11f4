namespace Parley.Routing;

/// <summary>Something the engine decided; the host carries it out (notifies, stores).</summary>
public abstract record RoutingEvent;

/// <summary>
/// A conversation was offered to an agent until <paramref name="ExpiresAt"/>. For a transfer to an agent,
/// <paramref name="FromUsername"/> is the agent who still holds the chat until this offer is accepted.
/// </summary>
public sealed record OfferCreated(
    Guid OfferId, Guid ConversationId, string Username, string Queue, DateTimeOffset OfferedAt, DateTimeOffset ExpiresAt, string? FromUsername = null) : RoutingEvent;

/// <summary>An offer ended without the agent accepting it.</summary>
public sealed record OfferWithdrawn(Guid OfferId, Guid ConversationId, string Username, OfferEndReason Reason) : RoutingEvent;

/// <summary>The conversation is now the agent's. <paramref name="FromUsername"/> is set when it came by transfer.</summary>
public sealed record ConversationAssigned(
    Guid ConversationId, string Username, string Queue, DateTimeOffset AssignedAt, AssignmentKind Kind, string? FromUsername = null) : RoutingEvent;

/// <summary>
/// A conversation (re-)entered a queue: transferred or moved there, overflowed, or returned to its own queue when its
/// agent went Offline (then <paramref name="FromQueue"/> and <paramref name="Queue"/> are the same).
/// </summary>
public sealed record ConversationRequeued(Guid ConversationId, string FromQueue, string Queue, RequeueReason Reason, string? FromUsername) : RoutingEvent;

/// <summary>A transfer to an agent was not accepted: the conversation stays with <paramref name="FromUsername"/>.</summary>
public sealed record TransferFailed(Guid ConversationId, string FromUsername, string ToUsername, OfferEndReason Reason) : RoutingEvent;

/// <summary>A conversation waited the queue's maximum wait: it left routing and the host should tell the customer.</summary>
public sealed record ConversationWaitExceeded(Guid ConversationId, string Queue, TimeSpan Waited) : RoutingEvent;

/// <summary>An agent's presence, status, wrap-up or external state changed.</summary>
public sealed record AgentStateChanged(AgentSnapshot Agent) : RoutingEvent;

public enum OfferEndReason
{
    Declined,
    TimedOut,

    /// <summary>The agent became unroutable (Away, DND, Offline, externally busy) while the offer was open.</summary>
    AgentUnavailable,

    /// <summary>The conversation ended while it was being offered.</summary>
    ConversationEnded,

    /// <summary>Someone else took the chat (manual pick, forced assignment, transfer, overflow).</summary>
    TakenElsewhere,
}

public enum AssignmentKind
{
    Offer,
    Transfer,
    Forced,
    Picked,
    Restored,
}

public enum RequeueReason
{
    Transfer,
    Overflow,

    /// <summary>The agent who held the chat went Offline (chose it, signed out, or lost their connection).</summary>
    AgentOffline,

    /// <summary>A supervisor moved the assigned chat to a queue.</summary>
    Supervisor,
}
