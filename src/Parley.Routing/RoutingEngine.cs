namespace Parley.Routing;

/// <summary>
/// Decides which agent gets which waiting conversation. Pure and deterministic: every command takes the
/// current time, changes the in-memory state and returns the events the host must carry out. Not thread-safe:
/// the host serializes commands.
/// </summary>
/// <remarks>
/// First algorithm: per queue, first in first out; each waiting chat is offered to the longest-idle available
/// agent of its queue who has free capacity (pending offers count against capacity). A declined or missed chat
/// keeps its place and passes that agent over for one offer timeout.
/// </remarks>
public sealed class RoutingEngine(RoutingOptions options, Func<Guid> newOfferId)
{
    private readonly Dictionary<string, QueueState> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentState> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, ConversationState> _conversations = [];
    private readonly Dictionary<Guid, OfferState> _offers = [];
    private long _arrivals;

    public RoutingEngine() : this(new RoutingOptions(), Guid.NewGuid)
    {
    }

    public void DefineQueue(QueueSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (_queues.TryGetValue(settings.Name, out var queue))
        {
            queue.Settings = settings;
        }
        else
        {
            _queues.Add(settings.Name, new QueueState(settings));
        }
    }

    /// <summary>Adds an agent (Offline) or updates their capacity and queues, keeping presence and chats.</summary>
    public RoutingOutcome DefineAgent(AgentProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (_agents.TryGetValue(profile.Id, out var agent))
        {
            agent.Profile = profile;
        }
        else
        {
            _agents.Add(profile.Id, new AgentState(profile));
        }

        return Finish([], now);
    }

    public RoutingOutcome SetPresence(string agentId, AgentPresence presence, DateTimeOffset now)
    {
        if (!_agents.TryGetValue(agentId, out var agent))
        {
            return RoutingOutcome.Refused(RoutingError.UnknownAgent);
        }

        var events = new List<RoutingEvent>();
        ChangePresence(agent, presence, now, events);
        return Finish(events, now);
    }

    /// <summary>A new conversation enters a queue. <paramref name="enteredAt"/> orders it (first in, first out).</summary>
    public RoutingOutcome Enqueue(Guid conversationId, string queue, DateTimeOffset enteredAt, DateTimeOffset now)
    {
        if (!_queues.ContainsKey(queue))
        {
            return RoutingOutcome.Refused(RoutingError.UnknownQueue);
        }

        if (_conversations.ContainsKey(conversationId))
        {
            return RoutingOutcome.Refused(RoutingError.ConversationAlreadyRouted);
        }

        _conversations.Add(conversationId, new ConversationState(conversationId, queue, enteredAt, _arrivals++));
        return Finish([], now);
    }

    /// <summary>Puts back an assignment that existed before a restart, without offering anything.</summary>
    public RoutingOutcome RestoreAssignment(Guid conversationId, string queue, string agentId, DateTimeOffset enteredAt, DateTimeOffset now)
    {
        if (!_agents.TryGetValue(agentId, out var agent))
        {
            return RoutingOutcome.Refused(RoutingError.UnknownAgent);
        }

        if (_conversations.ContainsKey(conversationId))
        {
            return RoutingOutcome.Refused(RoutingError.ConversationAlreadyRouted);
        }

        var conversation = new ConversationState(conversationId, queue, enteredAt, _arrivals++)
        {
            Stage = ConversationStage.Assigned,
            AgentId = agentId,
        };
        _conversations.Add(conversationId, conversation);
        agent.Conversations.Add(conversationId);
        return Finish([], now);
    }

    public RoutingOutcome Accept(Guid offerId, string agentId, DateTimeOffset now)
    {
        if (!_offers.TryGetValue(offerId, out var offer))
        {
            return RoutingOutcome.Refused(RoutingError.UnknownOffer);
        }

        if (!string.Equals(offer.AgentId, agentId, StringComparison.Ordinal))
        {
            return RoutingOutcome.Refused(RoutingError.OfferNotForThisAgent);
        }

        var agent = _agents[agentId];
        var conversation = _conversations[offer.ConversationId];
        RemoveOffer(offer, agent, conversation);
        conversation.Stage = ConversationStage.Assigned;
        conversation.AgentId = agentId;
        conversation.LastPosition = null;
        agent.Conversations.Add(conversation.Id);
        agent.IdleSince = now;
        return Finish([new ConversationAssigned(conversation.Id, agentId, conversation.Queue, now)], now);
    }

    public RoutingOutcome Decline(Guid offerId, string agentId, DateTimeOffset now)
    {
        if (!_offers.TryGetValue(offerId, out var offer))
        {
            return RoutingOutcome.Refused(RoutingError.UnknownOffer);
        }

        if (!string.Equals(offer.AgentId, agentId, StringComparison.Ordinal))
        {
            return RoutingOutcome.Refused(RoutingError.OfferNotForThisAgent);
        }

        var events = new List<RoutingEvent>();
        PassOver(offer, OfferEndReason.Declined, now, events);
        return Finish(events, now);
    }

    /// <summary>The conversation ended (either side closed it): frees its place, offer or agent capacity.</summary>
    public RoutingOutcome End(Guid conversationId, DateTimeOffset now)
    {
        if (!_conversations.Remove(conversationId, out var conversation))
        {
            return RoutingOutcome.Refused(RoutingError.UnknownConversation);
        }

        var events = new List<RoutingEvent>();
        if (conversation.OfferId is { } offerId)
        {
            var offer = _offers[offerId];
            RemoveOffer(offer, _agents[offer.AgentId], conversation);
            events.Add(new OfferWithdrawn(offer.Id, conversationId, offer.AgentId, OfferEndReason.ConversationEnded));
        }

        if (conversation.AgentId is { } agentId && _agents.TryGetValue(agentId, out var agent))
        {
            agent.Conversations.Remove(conversationId);
        }

        return Finish(events, now);
    }

    /// <summary>Lets time pass: expires offers and ends pass-overs whose time is up.</summary>
    public RoutingOutcome Tick(DateTimeOffset now)
    {
        var events = new List<RoutingEvent>();
        var expired = _offers.Values.Where(o => o.ExpiresAt <= now).OrderBy(o => o.ExpiresAt).ThenBy(o => o.Id).ToList();
        foreach (var offer in expired)
        {
            if (!_offers.ContainsKey(offer.Id))
            {
                continue; // Already withdrawn because its agent was put Away by an earlier miss.
            }

            PassOver(offer, OfferEndReason.TimedOut, now, events);
            var agent = _agents[offer.AgentId];
            if (options.AwayAfterMissedOffer && agent.Presence == AgentPresence.Available)
            {
                ChangePresence(agent, AgentPresence.Away, now, events);
                events.Add(new AgentPresenceChanged(agent.Profile.Id, AgentPresence.Away, "Missed offer"));
            }
        }

        return Finish(events, now);
    }

    /// <summary>The earliest time at which <see cref="Tick"/> would change something, if any.</summary>
    public DateTimeOffset? NextDeadline()
    {
        DateTimeOffset? next = null;
        foreach (var offer in _offers.Values)
        {
            next = next is null || offer.ExpiresAt < next ? offer.ExpiresAt : next;
        }

        foreach (var conversation in _conversations.Values.Where(c => c.Stage == ConversationStage.Waiting))
        {
            foreach (var until in conversation.PassedOverUntil.Values)
            {
                next = next is null || until < next ? until : next;
            }
        }

        return next;
    }

    public AgentSnapshot? GetAgent(string agentId) =>
        _agents.TryGetValue(agentId, out var a)
            ? new AgentSnapshot(a.Profile.Id, a.Presence, a.Conversations.Count, a.Offers.Count, a.Profile.Capacity)
            : null;

    /// <summary>The open offers made to an agent, oldest first (a desktop shows them again after a reload).</summary>
    public IReadOnlyList<OfferSnapshot> GetOffers(string agentId) =>
        _agents.TryGetValue(agentId, out var agent)
            ? [.. agent.Offers.Select(id => _offers[id]).OrderBy(o => o.ExpiresAt).ThenBy(o => o.Id)
                .Select(o => new OfferSnapshot(o.Id, o.ConversationId, o.AgentId, _conversations[o.ConversationId].Queue, o.OfferedAt, o.ExpiresAt))]
            : [];

    public IReadOnlyList<AgentSnapshot> GetAgents() =>
        [.. _agents.Keys.Order(StringComparer.Ordinal).Select(id => GetAgent(id)!)];

    public IReadOnlyList<QueueSnapshot> GetQueues() =>
        [.. _queues.Keys.Order(StringComparer.Ordinal).Select(name =>
        {
            var waiting = _conversations.Values.Where(c => c.Queue == name && c.Stage != ConversationStage.Assigned).ToList();
            var available = _agents.Values.Count(a => a.Presence == AgentPresence.Available && a.IsMemberOf(name));
            return new QueueSnapshot(name, waiting.Count, waiting.Count == 0 ? null : waiting.Min(c => c.EnteredAt), available);
        })];

    private void ChangePresence(AgentState agent, AgentPresence presence, DateTimeOffset now, List<RoutingEvent> events)
    {
        if (agent.Presence == presence)
        {
            return;
        }

        if (presence == AgentPresence.Available)
        {
            agent.IdleSince = now;
        }

        agent.Presence = presence;
        if (presence != AgentPresence.Available)
        {
            foreach (var offerId in agent.Offers.Order().ToList())
            {
                var offer = _offers[offerId];
                RemoveOffer(offer, agent, _conversations[offer.ConversationId]);
                events.Add(new OfferWithdrawn(offer.Id, offer.ConversationId, agent.Profile.Id, OfferEndReason.AgentUnavailable));
            }
        }
    }

    /// <summary>Ends an offer the agent did not take; the chat keeps its place and skips this agent for a while.</summary>
    private void PassOver(OfferState offer, OfferEndReason reason, DateTimeOffset now, List<RoutingEvent> events)
    {
        var agent = _agents[offer.AgentId];
        var conversation = _conversations[offer.ConversationId];
        RemoveOffer(offer, agent, conversation);
        conversation.PassedOverUntil[agent.Profile.Id] = now + _queues[conversation.Queue].Settings.OfferTimeout;
        events.Add(new OfferWithdrawn(offer.Id, conversation.Id, agent.Profile.Id, reason));
    }

    private void RemoveOffer(OfferState offer, AgentState agent, ConversationState conversation)
    {
        _offers.Remove(offer.Id);
        agent.Offers.Remove(offer.Id);
        conversation.OfferId = null;
        conversation.Stage = ConversationStage.Waiting;
    }

    /// <summary>After every command: offer what can be offered, then report changed queue positions.</summary>
    private RoutingOutcome Finish(List<RoutingEvent> events, DateTimeOffset now)
    {
        Dispatch(now, events);
        ReportPositions(events);
        return new RoutingOutcome(events);
    }

    private void Dispatch(DateTimeOffset now, List<RoutingEvent> events)
    {
        var waiting = _conversations.Values
            .Where(c => c.Stage == ConversationStage.Waiting)
            .OrderBy(c => c.EnteredAt)
            .ThenBy(c => c.Arrival)
            .ToList();

        foreach (var conversation in waiting)
        {
            foreach (var (agentId, until) in conversation.PassedOverUntil.ToList())
            {
                if (until <= now)
                {
                    conversation.PassedOverUntil.Remove(agentId);
                }
            }

            var agent = _agents.Values
                .Where(a => a.Presence == AgentPresence.Available
                    && a.IsMemberOf(conversation.Queue)
                    && a.Load < a.Profile.Capacity
                    && !conversation.PassedOverUntil.ContainsKey(a.Profile.Id))
                .OrderBy(a => a.IdleSince)
                .ThenBy(a => a.Profile.Id, StringComparer.Ordinal)
                .FirstOrDefault();
            if (agent is null)
            {
                continue;
            }

            var settings = _queues[conversation.Queue].Settings;
            var offer = new OfferState(newOfferId(), conversation.Id, agent.Profile.Id, now, now + settings.OfferTimeout);
            _offers.Add(offer.Id, offer);
            agent.Offers.Add(offer.Id);
            conversation.Stage = ConversationStage.Offered;
            conversation.OfferId = offer.Id;
            events.Add(new OfferCreated(offer.Id, conversation.Id, agent.Profile.Id, conversation.Queue, now, offer.ExpiresAt));
        }
    }

    private void ReportPositions(List<RoutingEvent> events)
    {
        foreach (var queue in _conversations.Values
            .Where(c => c.Stage != ConversationStage.Assigned)
            .GroupBy(c => c.Queue)
            .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var position = 0;
            foreach (var conversation in queue.OrderBy(c => c.EnteredAt).ThenBy(c => c.Arrival))
            {
                position++;
                if (conversation.LastPosition != position)
                {
                    conversation.LastPosition = position;
                    events.Add(new QueuePositionChanged(conversation.Id, conversation.Queue, position));
                }
            }
        }
    }
}
