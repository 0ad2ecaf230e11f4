namespace Parley.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>
    /// Matches what the last command changed: agents who became ready take the best chat of their queues first,
    /// then chats that became routable take the best ready agent of their queue, most urgent chat first.
    /// </summary>
    private void Dispatch(DateTimeOffset now)
    {
        while (_dirtyAgents.Count > 0 || _dirtyChats.Count > 0)
        {
            if (_dirtyAgents.Count > 0)
            {
                var agents = _agentBuffer;
                agents.Clear();
                agents.AddRange(_dirtyAgents);
                if (agents.Count > 1)
                {
                    agents.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
                }

                _dirtyAgents.Clear();
                foreach (var agent in agents)
                {
                    while (agent.Ready && BestChatFor(agent, now) is { } chat)
                    {
                        // Several agents became ready at once (say, wrap-ups ending in one tick): the chat goes to the
                        // one its queue prefers (primary members first, then the strategy) rather than the first by id,
                        // provided it is that agent's own best chat too.
                        var taker = agent;
                        if (agents.Count > 1 && BestAgentFor(chat) is { } preferred && preferred != agent
                            && BestChatFor(preferred, now) == chat)
                        {
                            taker = preferred;
                        }

                        CreateOffer(chat, taker, now, fromUsername: null);
                    }
                }

                continue;
            }

            var chats = _chatBuffer;
            chats.Clear();
            foreach (var chat in _dirtyChats)
            {
                if (chat.Stage == ConversationStage.Queued)
                {
                    chats.Add(chat);
                }
            }

            _dirtyChats.Clear();
            if (chats.Count > 1)
            {
                chats.Sort((a, b) => CompareAcrossQueues(a, b, now));
            }

            foreach (var chat in chats)
            {
                if (chat.Stage == ConversationStage.Queued && BestAgentFor(chat) is { } agent)
                {
                    CreateOffer(chat, agent, now, fromUsername: null);
                }
            }
        }
    }

    // Reused by Dispatch (one command at a time; Dispatch does not re-enter itself).
    private readonly List<AgentState> _agentBuffer = [];
    private readonly List<RoutedConversation> _chatBuffer = [];

    private int CompareAcrossQueues(RoutedConversation a, RoutedConversation b, DateTimeOffset now)
    {
        var c = _queues[b.Queue].EffectivePriority(b, now).CompareTo(_queues[a.Queue].EffectivePriority(a, now));
        if (c == 0)
        {
            c = a.EnteredAt.CompareTo(b.EnteredAt);
        }

        return c != 0 ? c : a.Arrival.CompareTo(b.Arrival);
    }

    /// <summary>
    /// The chat a ready agent should get: from their primary queues before their backup queues; within the same
    /// membership priority the highest effective priority, then the earliest entry.
    /// </summary>
    private RoutedConversation? BestChatFor(AgentState agent, DateTimeOffset now)
    {
        RoutedConversation? best = null;
        var bestLevel = int.MaxValue;
        var bestPriority = int.MinValue;
        foreach (var membership in agent.Memberships)
        {
            if (best is not null && membership.Priority > bestLevel)
            {
                break;
            }

            if (!_queues.TryGetValue(membership.Queue, out var queue) || queue.QueuedCount == 0)
            {
                continue;
            }

            foreach (var bucketPriority in queue.Priorities)
            {
                // Aging only raises priority, so a bucket whose best possible chat cannot beat the best found is skipped.
                if (best is not null && queue.Settings.PriorityAgingInterval is null && bucketPriority < bestPriority)
                {
                    break;
                }

                // The rest of this bucket entered later than its first chat the agent may take.
                if (FirstEligible(queue, bucketPriority, agent) is not { } chat)
                {
                    continue;
                }

                var priority = queue.EffectivePriority(chat, now);
                if (best is null || priority > bestPriority
                    || (priority == bestPriority && (chat.EnteredAt < best.EnteredAt || (chat.EnteredAt == best.EnteredAt && chat.Arrival < best.Arrival))))
                {
                    best = chat;
                    bestPriority = priority;
                    bestLevel = membership.Priority;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The first chat (in queue order) of one priority of the queue that the agent may take: the earliest of the
    /// first such chat of each lane whose skill requirements the agent meets.
    /// </summary>
    private static RoutedConversation? FirstEligible(QueueState queue, int priority, AgentState agent)
    {
        if (!agent.Levels.ContainsKey(queue.Name))
        {
            return null;
        }

        RoutedConversation? first = null;
        var lanes = queue.LanesOf(priority);
        for (var i = 0; i < lanes.Count; i++)
        {
            var lane = lanes[i];
            if (!agent.Meets(lane.Requirements))
            {
                continue;
            }

            foreach (var chat in lane.Chats)
            {
                if (first is not null && !QueueState.Before(chat, first))
                {
                    break;
                }

                if (chat.Stage == ConversationStage.Queued
                    && (chat.ReservedFor is null || string.Equals(chat.ReservedFor, agent.Id, StringComparison.Ordinal))
                    && !chat.PassedOver.ContainsKey(agent.Id))
                {
                    first = chat;
                    break;
                }
            }
        }

        return first;
    }

    /// <summary>The ready agent a chat should go to, by its queue's strategy (primary members first).</summary>
    private AgentState? BestAgentFor(RoutedConversation chat)
    {
        var queue = _queues[chat.Queue];
        if (chat.ReservedFor is { } reserved)
        {
            return _agents.TryGetValue(reserved, out var agent) && agent.Ready && Eligible(chat, agent, queue) ? agent : null;
        }

        if (queue.Settings.Strategy != RoutingStrategy.BestSkillMatch)
        {
            foreach (var agent in queue.Ready)
            {
                if (Eligible(chat, agent, queue))
                {
                    return agent;
                }
            }

            return null;
        }

        // Best skill match: the score depends on this chat's requirements, so the ready members are scored one by one.
        AgentState? best = null;
        var bestScore = -1;
        foreach (var agent in queue.Ready)
        {
            if (best is not null && agent.Levels[queue.Name] > best.Levels[queue.Name])
            {
                break; // Backups only when no primary member can take it.
            }

            if (!Eligible(chat, agent, queue))
            {
                continue;
            }

            var score = 0;
            foreach (var requirement in chat.Requirements)
            {
                score += agent.SkillLevel(requirement.Skill);
            }

            // The ready set is already in idle order, so the first agent with the top score is the longest idle.
            if (score > bestScore)
            {
                best = agent;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>Whether the agent may get this chat (readiness aside): member, skilled enough, not passed over, not reserved for another.</summary>
    private static bool Eligible(RoutedConversation chat, AgentState agent, QueueState queue) =>
        agent.Levels.ContainsKey(queue.Name)
        && (chat.ReservedFor is null || string.Equals(chat.ReservedFor, agent.Id, StringComparison.Ordinal))
        && !chat.PassedOver.ContainsKey(agent.Id)
        && agent.Meets(chat.Requirements);

    private OfferState CreateOffer(RoutedConversation chat, AgentState agent, DateTimeOffset now, string? fromUsername)
    {
        var queue = _queues[chat.Queue];
        var offer = new OfferState(_newOfferId(), chat.Id, agent.Id, now, now + queue.Settings.OfferTimeout, fromUsername);
        _offers.Add(offer.Id, offer);
        if (fromUsername is null)
        {
            chat.Stage = ConversationStage.Offered;
            chat.OfferId = offer.Id;
        }

        var before = BeginChange(agent);
        agent.Offers.Add(offer.Id);
        EndChange(agent, before);
        Schedule(new Timer(TimerKind.OfferExpiry, offer.ExpiresAt, offer.Id, null));
        _events.Add(new OfferCreated(offer.Id, chat.Id, agent.Id, chat.Queue, now, offer.ExpiresAt, fromUsername));
        return offer;
    }

    private void RemoveOffer(OfferState offer)
    {
        _offers.Remove(offer.Id);
        if (_agents.TryGetValue(offer.Username, out var agent))
        {
            var before = BeginChange(agent);
            agent.Offers.Remove(offer.Id);
            EndChange(agent, before);
        }
    }

    /// <summary>
    /// An offer ends unaccepted. A routed chat keeps its place in the queue and looks for the next agent; after a
    /// decline or time-out this agent is passed over for one offer timeout. A transfer offer leaves the chat with the
    /// agent who wanted to transfer it.
    /// </summary>
    private void EndOffer(OfferState offer, OfferEndReason reason, DateTimeOffset now)
    {
        RemoveOffer(offer);
        _events.Add(new OfferWithdrawn(offer.Id, offer.ConversationId, offer.Username, reason));
        var chat = _conversations[offer.ConversationId];
        if (offer.FromUsername is { } from)
        {
            chat.TransferOfferId = null;
            _events.Add(new TransferFailed(chat.Id, from, offer.Username, reason));
            return;
        }

        chat.Stage = ConversationStage.Queued;
        chat.OfferId = null;
        if (reason is OfferEndReason.Declined or OfferEndReason.TimedOut)
        {
            chat.PassOver(offer.Username, now + _queues[chat.Queue].Settings.OfferTimeout);
        }

        if (string.Equals(chat.ReservedFor, offer.Username, StringComparison.Ordinal))
        {
            // The returning customer's agent did not take it: route normally.
            chat.ReservedFor = null;
            chat.ReservedUntil = null;
        }

        _dirtyChats.Add(chat);
        Reevaluate(chat, now);
    }

    private void WithdrawOffers(AgentState agent, OfferEndReason reason, DateTimeOffset now)
    {
        if (agent.Offers.Count == 0)
        {
            return;
        }

        foreach (var offer in agent.Offers.Select(id => _offers[id]).OrderBy(o => o.OfferedAt).ThenBy(o => o.Id).ToList())
        {
            EndOffer(offer, reason, now);
        }
    }
}
