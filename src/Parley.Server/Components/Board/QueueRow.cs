using Parley.Routing;

namespace Parley.Server.Components.Board;

public sealed record QueueRow(
    string Name,
    string DisplayName,
    int Waiting,
    DateTimeOffset? OldestEnteredAt,
    TimeSpan? EstimatedWaitForNewChat,
    IReadOnlyDictionary<AgentStatus, int> AgentsByStatus,
    int Members,
    bool ManualPick,
    NoEstimateReason? NoEstimateForNewChat = null);
