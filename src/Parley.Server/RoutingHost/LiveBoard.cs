using System.Collections.Frozen;
using Parley.Routing;

namespace Parley.Server.RoutingHost;

/// <summary>
/// What routing holds after the last command that changed anything, for live pages (admin board, desktops) and for
/// customer status reads: agents, queues, offers and every waiting chat's standing. Each publish replaces the whole
/// snapshot (nothing is added or removed by hand), so nothing shown outlives routing's own state. Readers never touch
/// the engine.
/// </summary>
public sealed class LiveBoard
{
    private volatile Snapshot _current = new(
        [], [], FrozenDictionary<string, AgentSnapshot>.Empty, FrozenDictionary<string, IReadOnlyList<OfferSnapshot>>.Empty,
        FrozenDictionary<string, IReadOnlyDictionary<Guid, QueueStanding>>.Empty);

    /// <summary>Raised after every publish (on the routing gate's thread: handlers must be quick and not call routing).</summary>
    public event Action? Changed;

    public IReadOnlyList<AgentSnapshot> Agents => _current.Agents;
    public IReadOnlyList<QueueSnapshot> Queues => _current.Queues;

    public AgentSnapshot? Agent(string username) => _current.ByAgent.GetValueOrDefault(username);

    public IReadOnlyList<OfferSnapshot> Offers(string username) => _current.Offers.GetValueOrDefault(username) ?? [];

    /// <summary>Where a chat stands in its queue; null once it is no longer waiting (taken, ended, timed out).</summary>
    public QueueStanding? Standing(Guid conversationId)
    {
        foreach (var queue in _current.Standings.Values)
        {
            if (queue.TryGetValue(conversationId, out var standing))
            {
                return standing;
            }
        }

        return null;
    }

    /// <summary>
    /// The standings of each queue's waiting chats. A queue's dictionary is the same instance from one snapshot to the
    /// next until routing reports that queue changed, so a reader can tell which queues to look at again.
    /// </summary>
    internal IReadOnlyDictionary<string, IReadOnlyDictionary<Guid, QueueStanding>> Standings => _current.Standings;

    internal void Publish(
        IReadOnlyList<AgentSnapshot> agents,
        IReadOnlyList<QueueSnapshot> queues,
        IReadOnlyList<OfferSnapshot> offers,
        IReadOnlyDictionary<string, IReadOnlyDictionary<Guid, QueueStanding>> standings)
    {
        _current = new Snapshot(
            agents,
            queues,
            agents.ToFrozenDictionary(a => a.Username, StringComparer.Ordinal),
            offers.GroupBy(o => o.Username, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<OfferSnapshot>)[.. g], StringComparer.Ordinal),
            standings.ToFrozenDictionary(StringComparer.Ordinal));
        Changed?.Invoke();
    }

    private sealed record Snapshot(
        IReadOnlyList<AgentSnapshot> Agents,
        IReadOnlyList<QueueSnapshot> Queues,
        FrozenDictionary<string, AgentSnapshot> ByAgent,
        FrozenDictionary<string, IReadOnlyList<OfferSnapshot>> Offers,
        FrozenDictionary<string, IReadOnlyDictionary<Guid, QueueStanding>> Standings);
}
