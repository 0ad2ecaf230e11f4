using Parley.Routing;
using Parley.Server.Agents;
using Parley.Server.Queues;
using Parley.Server.RoutingHost;

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

public sealed record AgentRow(
    string Username,
    string DisplayName,
    IReadOnlyList<string> Roles,
    AgentPresence Presence,
    string? Reason,
    AgentStatus Status,
    int ActiveConversations,
    int PendingOffers,
    int Capacity,
    DateTimeOffset? WrapUpUntil,
    IReadOnlyList<string> ExternalBusy,
    IReadOnlyDictionary<string, int> Skills,
    IReadOnlyList<string> Queues)
{
    /// <summary>Whether a supervisor may give this agent a chat now (signed in, room left); routing has the last word.</summary>
    public bool CanTakeForcedChat => Presence != AgentPresence.Offline && ActiveConversations + PendingOffers < Capacity;
}

/// <summary>Joins the configured queues and agents with routing's live snapshot (read-only).</summary>
public static class BoardRows
{
    public static IReadOnlyList<QueueRow> Queues(QueueCatalog catalog, AgentDirectory directory, LiveBoard board)
    {
        var live = board.Queues.ToDictionary(q => q.Queue, StringComparer.Ordinal);
        return [.. catalog.All
            .OrderBy(q => q.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(q =>
            {
                var snapshot = live.GetValueOrDefault(q.Name);
                return new QueueRow(
                    q.Name,
                    q.DisplayName,
                    snapshot?.Queued ?? 0,
                    snapshot?.OldestEnteredAt,
                    snapshot?.EstimatedWaitForNewChat,
                    snapshot?.AgentsByStatus ?? new Dictionary<AgentStatus, int>(),
                    directory.All.Count(a => a.Queues.Contains(q.Name)),
                    q.ManualPick,
                    snapshot is null ? NoEstimateReason.NobodyServing : snapshot.NoEstimateForNewChat);
            })];
    }

    public static IReadOnlyList<AgentRow> Agents(AgentDirectory directory, LiveBoard board)
    {
        var live = board.Agents.ToDictionary(a => a.Username, StringComparer.Ordinal);
        return [.. directory.All
            .OrderBy(a => a.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(a =>
            {
                var snapshot = live.GetValueOrDefault(a.Username);
                return new AgentRow(
                    a.Username,
                    a.DisplayName,
                    a.Roles,
                    snapshot?.Presence ?? AgentPresence.Offline,
                    snapshot?.Reason,
                    snapshot?.Status ?? AgentStatus.Offline,
                    snapshot?.ActiveConversations ?? 0,
                    snapshot?.PendingOffers ?? 0,
                    snapshot?.Capacity ?? a.Capacity,
                    snapshot?.WrapUpUntil,
                    snapshot?.ExternalBusy ?? [],
                    snapshot?.Skills ?? a.Skills,
                    a.Queues);
            })];
    }
}
