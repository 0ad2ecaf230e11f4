using System.Collections.Concurrent;
using System.Collections.Frozen;
using Parley.Routing;

namespace Parley.Server.Routing;

/// <summary>
/// The latest routing snapshot, published after every routing command that changed something, for live pages
/// (admin board, desktops) and for customer status reads. Readers never touch the engine.
/// </summary>
public sealed class LiveBoard
{
    private static readonly TimeSpan EstimateStep = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, QueueStanding> _standings = new();
    private volatile Snapshot _current = new([], [], FrozenDictionary<string, AgentSnapshot>.Empty, FrozenDictionary<string, IReadOnlyList<OfferSnapshot>>.Empty);

    /// <summary>Raised after every publish (on the routing gate's thread: handlers must be quick and not call routing).</summary>
    public event Action? Changed;

    public IReadOnlyList<AgentSnapshot> Agents => _current.Agents;
    public IReadOnlyList<QueueSnapshot> Queues => _current.Queues;

    public AgentSnapshot? Agent(string username) => _current.ByAgent.GetValueOrDefault(username);

    public IReadOnlyList<OfferSnapshot> Offers(string username) => _current.Offers.GetValueOrDefault(username) ?? [];

    public QueueStanding? Standing(Guid conversationId) => _standings.GetValueOrDefault(conversationId);

    /// <summary>Records a standing; true when it differs enough from the last one to tell the customer.</summary>
    internal bool SetStanding(QueueStanding standing)
    {
        var previous = _standings.GetValueOrDefault(standing.ConversationId);
        _standings[standing.ConversationId] = standing;
        return previous is null
            || previous.Position != standing.Position
            || !string.Equals(previous.Queue, standing.Queue, StringComparison.Ordinal)
            || previous.EstimatedWait.HasValue != standing.EstimatedWait.HasValue
            || previous.NoEstimate != standing.NoEstimate
            || (previous.EstimatedWait is { } a && standing.EstimatedWait is { } b && (a - b).Duration() >= EstimateStep);
    }

    internal void RemoveStanding(Guid conversationId) => _standings.TryRemove(conversationId, out _);

    internal void Publish(IReadOnlyList<AgentSnapshot> agents, IReadOnlyList<QueueSnapshot> queues, IReadOnlyList<OfferSnapshot> offers)
    {
        _current = new Snapshot(
            agents,
            queues,
            agents.ToFrozenDictionary(a => a.AgentId, StringComparer.Ordinal),
            offers.GroupBy(o => o.AgentId, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<OfferSnapshot>)[.. g], StringComparer.Ordinal));
        Changed?.Invoke();
    }

    private sealed record Snapshot(
        IReadOnlyList<AgentSnapshot> Agents,
        IReadOnlyList<QueueSnapshot> Queues,
        FrozenDictionary<string, AgentSnapshot> ByAgent,
        FrozenDictionary<string, IReadOnlyList<OfferSnapshot>> Offers);
}
