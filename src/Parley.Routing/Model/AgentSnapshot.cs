namespace Parley.Routing;

/// <summary>A read-only view of one agent, for desktops and live boards.</summary>
public sealed record AgentSnapshot(
    string Username,
    AgentPresence Presence,
    string? Reason,
    AgentStatus Status,
    int ActiveConversations,
    int PendingOffers,
    int Capacity,
    DateTimeOffset? WrapUpUntil,
    IReadOnlyList<string> ExternalBusy,
    DateTimeOffset IdleSince,
    IReadOnlyDictionary<string, int> Skills,
    IReadOnlyList<QueueMembership> Queues)
{
    public int Load => ActiveConversations + PendingOffers;
}

/// <summary>A read-only view of one queue, for live boards.</summary>
public sealed record QueueSnapshot(
    string Queue,
    int Queued,
    DateTimeOffset? OldestEnteredAt,
    TimeSpan? LongestWait,
    IReadOnlyDictionary<AgentStatus, int> AgentsByStatus,
    TimeSpan? EstimatedWaitForNewChat,
    NoEstimateReason? NoEstimateForNewChat = null);

/// <summary>Why a wait estimate is missing: a reader says so instead of a time.</summary>
public enum NoEstimateReason
{
    /// <summary>No member who could serve the queue is signed in and Available (Away, DND, Offline or externally busy).</summary>
    NobodyServing,

    /// <summary>Members serve the queue, but every slot is held by a chat that has run longer than all of the queue's recent handle times.</summary>
    AgentsBusy,
}

/// <summary>An open offer.</summary>
public sealed record OfferSnapshot(Guid OfferId, Guid ConversationId, string Username, string Queue, DateTimeOffset OfferedAt, DateTimeOffset ExpiresAt, string? FromUsername);

public enum ConversationStage
{
    /// <summary>In a queue, no offer open.</summary>
    Queued,

    /// <summary>In a queue, offered to one agent.</summary>
    Offered,

    Assigned,
}

/// <summary>A read-only view of one routed conversation.</summary>
public sealed record ConversationSnapshot(
    Guid ConversationId,
    string Queue,
    ConversationStage Stage,
    DateTimeOffset EnteredAt,
    DateTimeOffset QueueEnteredAt,
    int Priority,
    int EffectivePriority,
    IReadOnlyList<SkillRequirement> Requirements,
    string? Username,
    Guid? OfferId,
    string? OfferUsername,
    string? ReservedFor,
    IReadOnlyCollection<string> PassedOver,
    IReadOnlyDictionary<string, string> Answers);

/// <summary>Where a waiting conversation stands: its place in the queue (1 = next) and the estimated wait.</summary>
public sealed record QueueStanding(Guid ConversationId, string Queue, int Position, TimeSpan? EstimatedWait, NoEstimateReason? NoEstimate = null);
