namespace Parley.Routing;

/// <summary>A read-only view of one queue, for live boards.</summary>
public sealed record QueueSnapshot(
    string Queue,
    int Queued,
    DateTimeOffset? OldestEnteredAt,
    TimeSpan? LongestWait,
    IReadOnlyDictionary<AgentStatus, int> AgentsByStatus,
    TimeSpan? EstimatedWaitForNewChat,
    NoEstimateReason? NoEstimateForNewChat = null);
