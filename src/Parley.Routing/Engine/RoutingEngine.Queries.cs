using Parley.Routing.Estimation;

namespace Parley.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>The queues that had waiting chats at the last <see cref="TakeChangedQueues"/>.</summary>
    private readonly HashSet<string> _queuesReportedQueued = new(StringComparer.Ordinal);

    public AgentSnapshot? GetAgent(string username) => _agents.TryGetValue(username, out var agent) ? agent.Snapshot() : null;

    public IReadOnlyList<AgentSnapshot> GetAgents() =>
        [.. _agents.Values.OrderBy(a => a.Id, StringComparer.Ordinal).Select(a => a.Snapshot())];

    /// <summary>The open offers made to an agent, oldest first (a desktop shows them again after a reload).</summary>
    public IReadOnlyList<OfferSnapshot> GetOffers(string username) =>
        _agents.TryGetValue(username, out var agent)
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
    public IReadOnlyList<ConversationSnapshot> GetQueued(string queue, DateTimeOffset now) =>
        _queues.TryGetValue(queue, out var q) ? [.. q.InOrder(now).Select(c => Snapshot(c, now))] : [];

    public IReadOnlyList<QueueSnapshot> GetQueues(DateTimeOffset now) =>
        [.. _queues.Values.OrderBy(q => q.Name, StringComparer.Ordinal).Select(q => Snapshot(q, now))];

    public QueueSnapshot? GetQueue(string name, DateTimeOffset now) => _queues.TryGetValue(name, out var q) ? Snapshot(q, now) : null;

    /// <summary>Position and estimated wait of every waiting chat of a queue, in queue order.</summary>
    public IReadOnlyList<QueueStanding> GetStandings(string queue, DateTimeOffset now)
    {
        if (!_queues.TryGetValue(queue, out var q) || q.QueuedCount == 0)
        {
            return [];
        }

        var capacity = Capacity(q, now);
        var standings = new List<QueueStanding>(q.QueuedCount);
        var position = 0;
        var unoffered = 0; // Offered chats already hold a slot: only the others wait for one (see WaitEstimator).
        foreach (var chat in q.InOrder(now))
        {
            position++;
            var offered = chat.Stage == ConversationStage.Offered;
            unoffered += offered ? 0 : 1;
            var (wait, why) = WaitEstimator.Estimate(offered, unoffered, capacity);
            standings.Add(new QueueStanding(chat.Id, q.Name, position, wait, why));
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
            if ((queue.QueuedCount > 0) != _queuesReportedQueued.Contains(queue.Name))
            {
                if (!_queuesReportedQueued.Add(queue.Name))
                {
                    _queuesReportedQueued.Remove(queue.Name);
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
            // Aging reorders a queue with time alone; and a chat waiting for a slot sees its estimate move as the chats
            // in progress run on.
            if (queue.Changed || (queue.Settings.PriorityAgingInterval is not null && queue.PriorityCount > 1) || HasChatQueuedForSlot(queue))
            {
                changed.Add(queue.Name);
                queue.Changed = false;
            }
        }

        changed.Sort(StringComparer.Ordinal);
        return changed;
    }

    /// <summary>A waiting chat that is not being offered (the offered ones come first in practice: usually a short look).</summary>
    private static bool HasChatQueuedForSlot(QueueState queue)
    {
        if (queue.QueuedCount == 0)
        {
            return false;
        }

        foreach (var chat in queue.AllQueued())
        {
            if (chat.Stage == ConversationStage.Queued)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The chat slots serving a queue now (see <see cref="ServingCapacity"/>). An agent counts with their capacity,
    /// shared evenly among their queues that have chats waiting; each taken slot frees at the rate its chat in progress
    /// is expected to end, by how long it has run against the recent handle times of its own queue.
    /// </summary>
    private ServingCapacity Capacity(QueueState queue, DateTimeOffset now)
    {
        double slots = 0, freeNow = 0, freeing = 0;
        foreach (var agent in queue.Members)
        {
            if (!agent.Staffed)
            {
                continue;
            }

            var competing = 0;
            foreach (var membership in agent.Memberships)
            {
                if (_queues.TryGetValue(membership.Queue, out var other) && (other.QueuedCount > 0 || ReferenceEquals(other, queue)))
                {
                    competing++;
                }
            }

            var share = 1.0 / Math.Max(1, competing);
            slots += agent.Profile.Capacity * share;
            foreach (var id in agent.Conversations)
            {
                var chat = _conversations[id];
                var chatQueue = _queues.GetValueOrDefault(chat.Queue) ?? queue;
                var age = chat.AssignedAt is { } assigned && now > assigned ? now - assigned : TimeSpan.Zero;
                if (chatQueue.HandleTimes.Remaining(age, _options.DefaultHandleTime) is { } left)
                {
                    freeing += share / Seconds(left + chatQueue.Settings.WrapUp);
                }
            }

            foreach (var offerId in agent.Offers)
            {
                // An offered chat is about to start: its slot frees after a whole cycle of that chat's queue.
                freeing += share / Seconds(Cycle(_queues.GetValueOrDefault(_conversations[_offers[offerId].ConversationId].Queue) ?? queue));
            }

            var room = Math.Max(0, agent.Profile.Capacity - agent.Load);
            if (room == 0)
            {
                continue;
            }

            if (agent.WrapUpUntil is { } until)
            {
                freeing += room * share / Seconds(until > now ? until - now : TimeSpan.Zero);
            }
            else
            {
                freeNow += room * share;
            }
        }

        return new ServingCapacity(slots, freeNow, freeing, Cycle(queue));

        // A slot about to free counts as freeing within a second, not infinitely fast.
        static double Seconds(TimeSpan t) => Math.Max(1, t.TotalSeconds);
    }

    private TimeSpan Cycle(QueueState queue) => (queue.HandleTimes.Mean ?? _options.DefaultHandleTime) + queue.Settings.WrapUp;

    private QueueSnapshot Snapshot(QueueState queue, DateTimeOffset now)
    {
        var oldest = queue.OldestEnteredAt();

        var byStatus = new Dictionary<AgentStatus, int>();
        var signedIn = 0;
        foreach (var agent in queue.Members)
        {
            byStatus[agent.Status] = byStatus.GetValueOrDefault(agent.Status) + 1;
            signedIn += agent.Presence != AgentPresence.Offline && agent.Meets(queue.RequiredSkills) ? 1 : 0;
        }

        // Free slots take a new chat at once, unless chats already wait without an offer: then those slots do not
        // serve this queue's chats (skills, declined offers), and the new chat waits behind them.
        var unoffered = queue.AllQueued().Count(c => c.Stage == ConversationStage.Queued);
        var capacity = Capacity(queue, now);
        var (wait, why) = WaitEstimator.Estimate(unoffered + 1, unoffered == 0 ? capacity : capacity.ForQueuedChat());
        return new QueueSnapshot(
            queue.Name, queue.QueuedCount, oldest, oldest is { } o && now > o ? now - o : oldest is null ? null : TimeSpan.Zero,
            byStatus, wait, why)
        {
            AgentsSignedIn = signedIn,
        };
    }

    private OfferSnapshot Snapshot(OfferState offer) =>
        new(offer.Id, offer.ConversationId, offer.Username, _conversations[offer.ConversationId].Queue, offer.OfferedAt, offer.ExpiresAt, offer.FromUsername);

    private ConversationSnapshot Snapshot(RoutedConversation chat, DateTimeOffset now)
    {
        var queue = _queues[chat.Queue];
        string? offerAgent = chat.OfferId is { } id ? _offers[id].Username : chat.TransferOfferId is { } t ? _offers[t].Username : null;
        return new ConversationSnapshot(
            chat.Id, chat.Queue, chat.Stage, chat.EnteredAt, chat.QueueEnteredAt, chat.Priority,
            chat.InQueue ? queue.EffectivePriority(chat, now) : chat.Priority, chat.Requirements, chat.Username,
            chat.OfferId ?? chat.TransferOfferId, offerAgent, chat.ReservedFor, [.. chat.PassedOver.Keys], chat.Answers);
    }
}
