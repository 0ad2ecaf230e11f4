using Parley.Routing.Estimation;

namespace Parley.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>The queues that had waiting chats at the last <see cref="TakeChangedQueues"/>.</summary>
    private readonly HashSet<string> _queuesReportedWaiting = new(StringComparer.Ordinal);

    public AgentSnapshot? GetAgent(string agentId) => _agents.TryGetValue(agentId, out var agent) ? agent.Snapshot() : null;

    public IReadOnlyList<AgentSnapshot> GetAgents() =>
        [.. _agents.Values.OrderBy(a => a.Id, StringComparer.Ordinal).Select(a => a.Snapshot())];

    /// <summary>The open offers made to an agent, oldest first (a desktop shows them again after a reload).</summary>
    public IReadOnlyList<OfferSnapshot> GetOffers(string agentId) =>
        _agents.TryGetValue(agentId, out var agent)
            ? [.. agent.Offers.Select(id => _offers[id]).OrderBy(o => o.OfferedAt).ThenBy(o => o.Id).Select(Snapshot)]
            : [];

    public IReadOnlyList<OfferSnapshot> GetAllOffers() =>
        [.. _offers.Values.OrderBy(o => o.OfferedAt).ThenBy(o => o.Id).Select(Snapshot)];

    public ConversationSnapshot? GetConversation(Guid conversationId, DateTimeOffset now) =>
        _conversations.TryGetValue(conversationId, out var chat) ? Snapshot(chat, now) : null;

    public IReadOnlyList<ConversationSnapshot> GetConversations(DateTimeOffset now) =>
        [.. _conversations.Values.OrderBy(c => c.Arrival).Select(c => Snapshot(c, now))];

    public bool HasQueue(string name) => _queues.ContainsKey(name);

    public QueueSettings? GetQueueSettings(string name) => _queues.TryGetValue(name, out var queue) ? queue.Settings : null;

    /// <summary>The waiting chats of a queue in queue order (offered ones included): the manual-pick list.</summary>
    public IReadOnlyList<ConversationSnapshot> GetWaiting(string queue, DateTimeOffset now) =>
        _queues.TryGetValue(queue, out var q) ? [.. q.InOrder(now).Select(c => Snapshot(c, now))] : [];

    public IReadOnlyList<QueueSnapshot> GetQueues(DateTimeOffset now) =>
        [.. _queues.Values.OrderBy(q => q.Name, StringComparer.Ordinal).Select(q => Snapshot(q, now))];

    public QueueSnapshot? GetQueue(string name, DateTimeOffset now) => _queues.TryGetValue(name, out var q) ? Snapshot(q, now) : null;

    /// <summary>Position and estimated wait of every waiting chat of a queue, in queue order.</summary>
    public IReadOnlyList<QueueStanding> GetStandings(string queue, DateTimeOffset now)
    {
        if (!_queues.TryGetValue(queue, out var q) || q.WaitingCount == 0)
        {
            return [];
        }

        var (slots, cycle) = Capacity(q);
        var standings = new List<QueueStanding>(q.WaitingCount);
        var position = 0;
        var unoffered = 0; // Offered chats already hold a slot: only the others wait for one (see WaitEstimator).
        foreach (var chat in q.InOrder(now))
        {
            position++;
            var offered = chat.Stage == ConversationStage.Offered;
            unoffered += offered ? 0 : 1;
            standings.Add(new QueueStanding(chat.Id, q.Name, position, WaitEstimator.Estimate(offered, unoffered, slots, cycle)));
        }

        return standings;
    }

    /// <summary>
    /// The queues whose positions or estimates may have changed since the last call (chats came or went, staffing or
    /// handle times changed; queues with aging reorder as time passes). The host pushes standings for these.
    /// </summary>
    public IReadOnlyList<string> TakeChangedQueues()
    {
        // A queue that got its first waiting chat or lost its last one changes how its shared agents count in their
        // other queues (Capacity splits an agent among their queues with waiting chats): those estimates changed too.
        foreach (var queue in _queues.Values)
        {
            if ((queue.WaitingCount > 0) != _queuesReportedWaiting.Contains(queue.Name))
            {
                if (!_queuesReportedWaiting.Add(queue.Name))
                {
                    _queuesReportedWaiting.Remove(queue.Name);
                }

                foreach (var agent in queue.Members)
                {
                    foreach (var other in MemberQueues(agent))
                    {
                        other.Changed = true;
                    }
                }
            }
        }

        var changed = new List<string>();
        foreach (var queue in _queues.Values)
        {
            if (queue.Changed || (queue.Settings.PriorityAgingInterval is not null && queue.PriorityCount > 1))
            {
                changed.Add(queue.Name);
                queue.Changed = false;
            }
        }

        changed.Sort(StringComparer.Ordinal);
        return changed;
    }

    /// <summary>
    /// The chat slots serving a queue and how long a slot stays taken per chat. An agent counts with their capacity,
    /// shared evenly among their queues that have chats waiting.
    /// </summary>
    private (double Slots, TimeSpan Cycle) Capacity(QueueState queue)
    {
        var slots = 0.0;
        foreach (var agent in queue.Members)
        {
            if (!agent.Staffed)
            {
                continue;
            }

            var competing = 0;
            foreach (var membership in agent.Memberships)
            {
                if (_queues.TryGetValue(membership.Queue, out var other) && (other.WaitingCount > 0 || ReferenceEquals(other, queue)))
                {
                    competing++;
                }
            }

            slots += (double)agent.Profile.Capacity / Math.Max(1, competing);
        }

        var handle = queue.HandleTimes.Mean ?? _options.DefaultHandleTime;
        return (slots, handle + queue.Settings.WrapUp);
    }

    private QueueSnapshot Snapshot(QueueState queue, DateTimeOffset now)
    {
        var oldest = queue.OldestEnteredAt();

        var byStatus = new Dictionary<AgentStatus, int>();
        foreach (var agent in queue.Members)
        {
            byStatus[agent.Status] = byStatus.GetValueOrDefault(agent.Status) + 1;
        }

        var (slots, cycle) = Capacity(queue);
        return new QueueSnapshot(
            queue.Name, queue.WaitingCount, oldest, oldest is { } o && now > o ? now - o : oldest is null ? null : TimeSpan.Zero,
            byStatus, WaitEstimator.Estimate(queue.AllWaiting().Count(c => c.Stage == ConversationStage.Waiting) + 1, slots, cycle));
    }

    private OfferSnapshot Snapshot(OfferState offer) =>
        new(offer.Id, offer.ConversationId, offer.AgentId, _conversations[offer.ConversationId].Queue, offer.OfferedAt, offer.ExpiresAt, offer.FromAgentId);

    private ConversationSnapshot Snapshot(ConversationState chat, DateTimeOffset now)
    {
        var queue = _queues[chat.Queue];
        string? offerAgent = chat.OfferId is { } id ? _offers[id].AgentId : chat.TransferOfferId is { } t ? _offers[t].AgentId : null;
        return new ConversationSnapshot(
            chat.Id, chat.Queue, chat.Stage, chat.EnteredAt, chat.QueueEnteredAt, chat.Priority,
            chat.InQueue ? queue.EffectivePriority(chat, now) : chat.Priority, chat.Requirements, chat.AgentId,
            chat.OfferId ?? chat.TransferOfferId, offerAgent, chat.ReservedFor, [.. chat.PassedOver.Keys], chat.Answers);
    }
}
