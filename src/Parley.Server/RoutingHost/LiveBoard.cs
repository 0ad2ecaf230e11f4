using System.Collections.Immutable;
using Parley.Routing;

namespace Parley.Server.RoutingHost;

/// <summary>
/// What routing holds after the last command, for live pages (admin board, desktops) and for customer status reads:
/// agents, queues, offers and every waiting chat's standing. Every value is an engine snapshot; a command replaces
/// those of the agents and queues it touched (<see cref="BoardChange"/>), never rebuilds the rest, so the cost of a
/// command does not grow with the number of agents. Readers never touch the engine; each read sees one whole version.
/// </summary>
public sealed partial class LiveBoard(ILogger<LiveBoard> logger)
{
    private volatile Snapshot _current = new(
        ImmutableSortedDictionary.Create<string, AgentSnapshot>(StringComparer.Ordinal), [],
        ImmutableDictionary.Create<string, IReadOnlyList<OfferSnapshot>>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, IReadOnlyDictionary<Guid, QueueStanding>>(StringComparer.Ordinal));

    private int _notifying;

    /// <summary>
    /// Raised after changes, coalesced: on a pool thread, once for however many commands changed the board meanwhile.
    /// Handlers must be quick and not call routing.
    /// </summary>
    public event Action? Changed;

    /// <summary>Every agent routing knows, by username.</summary>
    public IReadOnlyList<AgentSnapshot> Agents => _current.AgentList;

    public IReadOnlyList<QueueSnapshot> Queues => _current.Queues;

    public AgentSnapshot? Agent(string username) => _current.Agents.GetValueOrDefault(username);

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
    /// The standings of each queue's waiting chats. A queue's dictionary is the same instance from one version to the
    /// next until routing reports that queue changed, so a reader can tell which queues to look at again.
    /// </summary>
    internal IReadOnlyDictionary<string, IReadOnlyDictionary<Guid, QueueStanding>> Standings => _current.Standings;

    /// <summary>Applies one command's changes (under routing's gate: versions follow the decisions' order).</summary>
    internal void Apply(BoardChange change)
    {
        var current = _current;
        var agents = change.AllAgents is { } all
            ? ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, all.Select(a => KeyValuePair.Create(a.Username, a)))
            : current.Agents;
        var offers = change.AllAgents is not null ? current.Offers.Clear() : current.Offers;
        foreach (var (username, agent) in change.Agents)
        {
            agents = agent is null ? agents.Remove(username) : agents.SetItem(username, agent);
        }

        foreach (var (username, agentOffers) in change.Offers)
        {
            offers = agentOffers.Count == 0 ? offers.Remove(username) : offers.SetItem(username, agentOffers);
        }

        var standings = current.Standings;
        if (change.Queues is { } queues)
        {
            // Queues that no longer exist have no standings.
            var names = queues.Select(q => q.Queue).ToHashSet(StringComparer.Ordinal);
            standings = standings.RemoveRange(standings.Keys.Where(k => !names.Contains(k)));
        }

        standings = standings.SetItems(change.Standings);
        _current = new Snapshot(agents, change.Queues ?? current.Queues, offers, standings);
        NotifySoon();
    }

    private void NotifySoon()
    {
        if (Changed is null || Interlocked.Exchange(ref _notifying, 1) == 1)
        {
            return; // A notification is already on its way: it will show this version too.
        }

        ThreadPool.UnsafeQueueUserWorkItem(static board =>
        {
            // Cleared before raising: a change during the handlers is raised again.
            Volatile.Write(ref board._notifying, 0);
            board.Raise();
        }, this, preferLocal: false);
    }

    private void Raise()
    {
        foreach (var handler in Changed?.GetInvocationList().Cast<Action>() ?? [])
        {
            try
            {
                handler();
            }
            catch (Exception e)
            {
                // One broken page must not keep the others from hearing (nor, on a pool thread, stop the server).
                LogHandlerFailed(e);
            }
        }
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error, Message = "A live board subscriber failed")]
    private partial void LogHandlerFailed(Exception exception);

    private sealed class Snapshot(
        ImmutableSortedDictionary<string, AgentSnapshot> agents,
        IReadOnlyList<QueueSnapshot> queues,
        ImmutableDictionary<string, IReadOnlyList<OfferSnapshot>> offers,
        ImmutableDictionary<string, IReadOnlyDictionary<Guid, QueueStanding>> standings)
    {
        private IReadOnlyList<AgentSnapshot>? _agentList;

        public ImmutableSortedDictionary<string, AgentSnapshot> Agents => agents;
        public IReadOnlyList<QueueSnapshot> Queues => queues;
        public ImmutableDictionary<string, IReadOnlyList<OfferSnapshot>> Offers => offers;
        public ImmutableDictionary<string, IReadOnlyDictionary<Guid, QueueStanding>> Standings => standings;

        /// <summary>Listed once per version, when first read (a busy minute has many versions nobody lists).</summary>
        public IReadOnlyList<AgentSnapshot> AgentList => _agentList ??= [.. agents.Values];
    }
}
