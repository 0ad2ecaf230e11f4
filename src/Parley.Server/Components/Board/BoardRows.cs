using Parley.Routing;
using Parley.Server.Accounts;
using Parley.Server.Contracts;
using Parley.Server.Queues;
using Parley.Server.RoutingHost;

namespace Parley.Server.Components.Board;

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
                    snapshot is null ? AgentStateView.Offline with { Capacity = a.Capacity } : AgentStateView.From(snapshot),
                    snapshot?.Skills ?? a.Skills,
                    a.Queues);
            })];
    }
}
