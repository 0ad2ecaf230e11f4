using Parley.Routing;
using Parley.Server.Agents;
using Parley.Server.Queues;
using Parley.Server.Routing;

namespace Parley.Server.Components.Board;

public sealed record QueueRow(string Name, string DisplayName, int Waiting, DateTimeOffset? OldestEnteredAt, int AgentsAvailable, int AgentsServing);

public sealed record AgentRow(
    string Username,
    string DisplayName,
    IReadOnlyList<string> Roles,
    AgentPresence Presence,
    int ActiveConversations,
    int Capacity,
    int PendingOffers,
    IReadOnlyList<string> Queues);

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
                    snapshot?.Waiting ?? 0,
                    snapshot?.OldestEnteredAt,
                    snapshot?.AgentsByStatus.GetValueOrDefault(AgentStatus.Ready) ?? 0,
                    directory.All.Count(a => a.Queues.Contains(q.Name)));
            })];
    }

    public static IReadOnlyList<AgentRow> Agents(AgentDirectory directory, LiveBoard board)
    {
        var live = board.Agents.ToDictionary(a => a.AgentId, StringComparer.Ordinal);
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
                    snapshot?.ActiveConversations ?? 0,
                    snapshot?.Capacity ?? a.Capacity,
                    snapshot?.PendingOffers ?? 0,
                    a.Queues);
            })];
    }
}
