using Parley.Routing;

namespace Parley.Server.RoutingHost;

/// <summary>
/// What one routing command changed on the <see cref="LiveBoard"/>, as engine snapshots taken under the gate: the
/// agents it touched (null: removed) and their offers, every queue's snapshot when any changed, the standings of the
/// queues whose standings moved. <see cref="AllAgents"/> replaces every agent (agents defined or removed, a start).
/// </summary>
public sealed class BoardChange
{
    public IReadOnlyList<AgentSnapshot>? AllAgents { get; init; }
    public Dictionary<string, AgentSnapshot?> Agents { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, IReadOnlyList<OfferSnapshot>> Offers { get; } = new(StringComparer.Ordinal);
    public IReadOnlyList<QueueSnapshot>? Queues { get; set; }
    public Dictionary<string, IReadOnlyDictionary<Guid, QueueStanding>> Standings { get; } = new(StringComparer.Ordinal);
}
