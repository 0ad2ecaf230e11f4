namespace Parley.Routing;

/// <summary>A read-only view of one queue, for live boards.</summary>
public sealed record QueueSnapshot(
    string Queue,
    int Queued,
    DateTimeOffset? OldestEnteredAt,
    TimeSpan? LongestWait,
    IReadOnlyDictionary<AgentStatus, int> AgentsByStatus,
    TimeSpan? EstimatedWaitForNewChat,
    NoEstimateReason? NoEstimateForNewChat = null)
{
    /// <summary>
    /// Members signed in (any presence but offline) who have the queue's own required skills: whether anyone could
    /// serve a new chat of this queue soon (a queue's availability), as opposed to who takes one right now.
    /// </summary>
    public int AgentsSignedIn { get; init; }
}
