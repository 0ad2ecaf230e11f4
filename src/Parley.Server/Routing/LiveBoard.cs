using Parley.Routing;

namespace Parley.Server.Routing;

/// <summary>The latest routing snapshot, published after every routing command for live pages.</summary>
public sealed class LiveBoard
{
    private volatile Snapshot _current = new([], [], new Dictionary<string, IReadOnlyList<OfferSnapshot>>(), new Dictionary<Guid, int>());

    public event Action? Changed;

    public IReadOnlyList<AgentSnapshot> Agents => _current.Agents;
    public IReadOnlyList<QueueSnapshot> Queues => _current.Queues;

    public AgentSnapshot? Agent(string username) => _current.Agents.FirstOrDefault(a => a.AgentId == username);

    public IReadOnlyList<OfferSnapshot> Offers(string username) => _current.Offers.GetValueOrDefault(username) ?? [];

    public int? Position(Guid conversationId) => _current.Positions.TryGetValue(conversationId, out var p) ? p : null;

    internal void Publish(Snapshot snapshot)
    {
        _current = snapshot;
        Changed?.Invoke();
    }

    internal sealed record Snapshot(
        IReadOnlyList<AgentSnapshot> Agents,
        IReadOnlyList<QueueSnapshot> Queues,
        IReadOnlyDictionary<string, IReadOnlyList<OfferSnapshot>> Offers,
        IReadOnlyDictionary<Guid, int> Positions);
}
