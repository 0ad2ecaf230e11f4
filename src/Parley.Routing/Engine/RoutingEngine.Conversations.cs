namespace Parley.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>
    /// A conversation enters its queue. Its priority and skill requirements come from the queue and its pre-chat
    /// answers; a returning customer's chat is first reserved for their previous agent (affinity).
    /// </summary>
    public RoutingOutcome Enqueue(ConversationRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_queues.TryGetValue(request.Queue, out var queue))
        {
            return RoutingOutcome.Refused(RoutingError.UnknownQueue);
        }

        if (_conversations.ContainsKey(request.ConversationId))
        {
            return RoutingOutcome.Refused(RoutingError.ConversationAlreadyRouted);
        }

        Advance(now);
        if (queue.Settings.MaxQueueLength is { } max && queue.QueuedCount >= max)
        {
            return Refuse(RoutingError.QueueFull, now);
        }

        var conversation = new RoutedConversation(request, _arrivals++) { QueueEnteredAt = now };
        Derive(conversation, queue);
        _conversations.Add(conversation.Id, conversation);
        if (request.PreviousAgent is { } previous
            && queue.Settings.AffinityWindow > TimeSpan.Zero
            && _agents.TryGetValue(previous, out var agent)
            && agent.Levels.ContainsKey(queue.Name)
            && agent.Presence == AgentPresence.Available
            && agent.Meets(conversation.Requirements))
        {
            // Worth waiting for only if they could take it (skills) and are signed in and taking chats (perhaps busy
            // or in wrap-up right now).
            conversation.ReservedFor = previous;
            conversation.ReservedUntil = now + queue.Settings.AffinityWindow;
        }

        queue.Add(conversation);
        _dirtyChats.Add(conversation);
        Reevaluate(conversation, now);
        return Finish(now);
    }

    /// <summary>Puts back an assignment that existed before a restart, without offering anything.</summary>
    public RoutingOutcome Restore(ConversationRequest request, string username, DateTimeOffset assignedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_agents.TryGetValue(username, out var agent))
        {
            return RoutingOutcome.Refused(RoutingError.UnknownAgent);
        }

        if (!_queues.TryGetValue(request.Queue, out var queue))
        {
            return RoutingOutcome.Refused(RoutingError.UnknownQueue);
        }

        if (_conversations.ContainsKey(request.ConversationId))
        {
            return RoutingOutcome.Refused(RoutingError.ConversationAlreadyRouted);
        }

        Advance(now);
        var conversation = new RoutedConversation(request, _arrivals++) { QueueEnteredAt = request.EnteredAt };
        Derive(conversation, queue);
        _conversations.Add(conversation.Id, conversation);
        MakeAssigned(conversation, agent, assignedAt);
        return Finish(now);
    }

    public RoutingOutcome Accept(Guid offerId, string username, DateTimeOffset now)
    {
        Advance(now);
        if (!_offers.TryGetValue(offerId, out var offer))
        {
            return Refuse(RoutingError.UnknownOffer, now);
        }

        if (!string.Equals(offer.Username, username, StringComparison.Ordinal))
        {
            return Refuse(RoutingError.OfferNotForThisAgent, now);
        }

        var agent = _agents[username];
        var conversation = _conversations[offer.ConversationId];
        RemoveOffer(offer);
        if (offer.FromUsername is { } from)
        {
            conversation.TransferOfferId = null;
            if (_agents.TryGetValue(from, out var fromAgent))
            {
                Change(fromAgent, a => a.Conversations.Remove(conversation.Id));
            }

            conversation.Username = null;
            MakeAssigned(conversation, agent, now);
            _events.Add(new ConversationAssigned(conversation.Id, username, conversation.Queue, now, AssignmentKind.Transfer, from));
        }
        else
        {
            conversation.Stage = ConversationStage.Queued;
            conversation.OfferId = null;
            Assign(conversation, agent, AssignmentKind.Offer, now);
        }

        return Finish(now);
    }

    /// <summary>The agent declines: the chat keeps its place and goes to the next agent; this agent is passed over for one offer timeout.</summary>
    public RoutingOutcome Decline(Guid offerId, string username, DateTimeOffset now)
    {
        Advance(now);
        if (!_offers.TryGetValue(offerId, out var offer))
        {
            return Refuse(RoutingError.UnknownOffer, now);
        }

        if (!string.Equals(offer.Username, username, StringComparison.Ordinal))
        {
            return Refuse(RoutingError.OfferNotForThisAgent, now);
        }

        EndOffer(offer, OfferEndReason.Declined, now);
        return Finish(now);
    }

    /// <summary>The conversation ended (either side closed it): frees its place, offer or agent capacity; its agent enters wrap-up.</summary>
    public RoutingOutcome End(Guid conversationId, DateTimeOffset now)
    {
        if (!_conversations.TryGetValue(conversationId, out var conversation))
        {
            return RoutingOutcome.Refused(RoutingError.UnknownConversation);
        }

        Advance(now);
        if (_conversations.ContainsKey(conversationId))
        {
            Drop(conversation, OfferEndReason.ConversationEnded, now);
        }

        return Finish(now);
    }

    /// <summary>A waiting chat becomes the agent's: it leaves its queue and counts towards the queue's throughput.</summary>
    private void Assign(RoutedConversation conversation, AgentState agent, AssignmentKind kind, DateTimeOffset now)
    {
        var queue = _queues[conversation.Queue];
        queue.Remove(conversation);
        MakeAssigned(conversation, agent, now);
        _events.Add(new ConversationAssigned(conversation.Id, agent.Id, conversation.Queue, now, kind));
    }

    private void MakeAssigned(RoutedConversation conversation, AgentState agent, DateTimeOffset at)
    {
        conversation.Stage = ConversationStage.Assigned;
        conversation.Username = agent.Id;
        conversation.AssignedAt = at;
        conversation.ReservedFor = null;
        conversation.ReservedUntil = null;
        conversation.Wake = null;
        var before = BeginChange(agent);
        agent.Conversations.Add(conversation.Id);
        agent.IdleSince = at;
        EndChange(agent, before);
    }

    /// <summary>Removes a conversation from routing entirely (ended, or waited too long).</summary>
    private void Drop(RoutedConversation conversation, OfferEndReason reason, DateTimeOffset now)
    {
        _conversations.Remove(conversation.Id);
        _dirtyChats.Remove(conversation);
        var queue = _queues[conversation.Queue];
        if (conversation.OfferId is { } offerId)
        {
            var offer = _offers[offerId];
            RemoveOffer(offer);
            _events.Add(new OfferWithdrawn(offer.Id, conversation.Id, offer.Username, reason));
        }

        if (conversation.TransferOfferId is { } transferId)
        {
            var offer = _offers[transferId];
            RemoveOffer(offer);
            _events.Add(new OfferWithdrawn(offer.Id, conversation.Id, offer.Username, reason));
        }

        if (conversation.InQueue)
        {
            queue.Remove(conversation);
            return;
        }

        if (conversation.Username is { } username && _agents.TryGetValue(username, out var agent))
        {
            if (conversation.AssignedAt is { } assignedAt)
            {
                queue.HandleTimes.Add(now - assignedAt);
                queue.Changed = true;
            }

            Change(agent, a =>
            {
                a.Conversations.Remove(conversation.Id);
                if (queue.Settings.WrapUp > TimeSpan.Zero)
                {
                    var until = now + queue.Settings.WrapUp;
                    a.WrapUpUntil = a.WrapUpUntil is { } current && current > until ? current : until;
                }
            });
            if (agent.WrapUpUntil is { } wrapUpEnd)
            {
                Schedule(new Timer(TimerKind.WrapUpEnd, wrapUpEnd, Guid.Empty, agent.Id));
            }
        }
    }

    /// <summary>Sets priority and requirements from the conversation's queue and answers.</summary>
    private static void Derive(RoutedConversation conversation, QueueState queue)
    {
        var (priority, requirements) = Requirements.Derive(queue.Settings, queue.RequiredSkills, conversation.Answers);
        conversation.Priority = priority;
        conversation.BaseRequirements = requirements;
        conversation.Requirements = requirements;
        conversation.RelaxedSteps = 0;
    }

    /// <summary>Puts a conversation into a queue (transfer, overflow): new requirements, the original entry time.</summary>
    private void EnterQueue(RoutedConversation conversation, QueueState queue, DateTimeOffset now)
    {
        conversation.Queue = queue.Name;
        conversation.QueueEnteredAt = now;
        conversation.ReservedFor = null;
        conversation.ReservedUntil = null;
        Derive(conversation, queue);
        queue.Add(conversation);
        _dirtyChats.Add(conversation);
        Reevaluate(conversation, now);
    }

    private RoutingOutcome Refuse(RoutingError error, DateTimeOffset now)
    {
        // Deadlines that passed before the refused command still count.
        var outcome = Finish(now);
        return outcome with { Error = error };
    }
}
