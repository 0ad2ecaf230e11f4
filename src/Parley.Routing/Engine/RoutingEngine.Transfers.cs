namespace Parley.Routing;

// Chats that change hands other than by an offer from the queue: transfers, force-assign, manual pick.
public sealed partial class RoutingEngine
{
    /// <summary>Offers an assigned chat to another agent; it stays with the current agent until they accept.</summary>
    public RoutingOutcome TransferToAgent(Guid conversationId, string fromUsername, string toUsername, DateTimeOffset now)
    {
        Advance(now);
        if (FindAssigned(conversationId, fromUsername, out var conversation) is { } refused)
        {
            return Refuse(refused, now);
        }

        if (conversation.TransferOfferId is not null)
        {
            return Refuse(RoutingError.TransferPending, now);
        }

        if (!_agents.TryGetValue(toUsername, out var target))
        {
            return Refuse(RoutingError.UnknownAgent, now);
        }

        if (string.Equals(toUsername, fromUsername, StringComparison.Ordinal))
        {
            return Refuse(RoutingError.NotAllowed, now);
        }

        if (!target.Ready)
        {
            return Refuse(RoutingError.AgentCannotTakeChat, now);
        }

        var offer = CreateOffer(conversation, target, now, fromUsername);
        conversation.TransferOfferId = offer.Id;
        return Finish(now);
    }

    /// <summary>
    /// Puts an assigned chat back into a queue (the same or another). It keeps its original entry time, so it lines
    /// up by when the customer first started waiting; the transferring agent is passed over for it.
    /// </summary>
    public RoutingOutcome TransferToQueue(Guid conversationId, string fromUsername, string queueName, DateTimeOffset now)
    {
        Advance(now);
        if (FindAssigned(conversationId, fromUsername, out var conversation) is { } refused)
        {
            return Refuse(refused, now);
        }

        if (!_queues.TryGetValue(queueName, out var queue))
        {
            return Refuse(RoutingError.UnknownQueue, now);
        }

        // The transferring agent is passed over for it; otherwise it goes back as any returned chat does.
        conversation.PassOver(fromUsername, DateTimeOffset.MaxValue);
        ReturnToQueue(conversation, queue, RequeueReason.Transfer, now);
        return Finish(now);
    }

    /// <summary>
    /// A supervisor gives a chat to an agent directly (skills aside): a waiting one, or one assigned to another agent
    /// (who loses it at once). Capacity still holds and the agent must be signed in.
    /// </summary>
    public RoutingOutcome ForceAssign(Guid conversationId, string username, DateTimeOffset now)
    {
        Advance(now);
        if (_conversations.TryGetValue(conversationId, out var held) && held.Stage == ConversationStage.Assigned)
        {
            return Reassign(held, username, now);
        }

        if (FindQueued(conversationId, username, out var conversation, out var agent) is { } refused)
        {
            return Refuse(refused, now);
        }

        if (agent.Presence == AgentPresence.Offline || !HasRoomFor(agent, conversation))
        {
            return Refuse(RoutingError.AgentCannotTakeChat, now);
        }

        TakeFromQueue(conversation, agent, AssignmentKind.Forced, now);
        return Finish(now);
    }

    private RoutingOutcome Reassign(RoutedConversation conversation, string username, DateTimeOffset now)
    {
        if (!_agents.TryGetValue(username, out var agent))
        {
            return Refuse(RoutingError.UnknownAgent, now);
        }

        var fromAgent = conversation.Username!;
        if (string.Equals(fromAgent, username, StringComparison.Ordinal))
        {
            return Refuse(RoutingError.NotAllowed, now);
        }

        // An open transfer offer to this very agent would count twice: it ends first either way.
        var offeredToThem = conversation.TransferOfferId is { } id && string.Equals(_offers[id].Username, username, StringComparison.Ordinal);
        if (agent.Presence == AgentPresence.Offline || agent.Load - (offeredToThem ? 1 : 0) >= agent.Profile.Capacity)
        {
            return Refuse(RoutingError.AgentCannotTakeChat, now);
        }

        if (conversation.TransferOfferId is { } pending)
        {
            EndOffer(_offers[pending], OfferEndReason.TakenElsewhere, now);
        }

        if (_agents.TryGetValue(fromAgent, out var from))
        {
            Change(from, a => a.Conversations.Remove(conversation.Id));
        }

        MakeAssigned(conversation, agent, now);
        _events.Add(new ConversationAssigned(conversation.Id, agent.Id, conversation.Queue, now, AssignmentKind.Forced, fromAgent));
        return Finish(now);
    }

    /// <summary>An agent takes a waiting chat from the list of a queue that allows manual pick.</summary>
    public RoutingOutcome Pick(Guid conversationId, string username, DateTimeOffset now)
    {
        Advance(now);
        if (FindQueued(conversationId, username, out var conversation, out var agent) is { } refused)
        {
            return Refuse(refused, now);
        }

        var queue = _queues[conversation.Queue];
        if (!queue.Settings.ManualPick || !agent.Levels.ContainsKey(queue.Name))
        {
            return Refuse(RoutingError.NotAllowed, now);
        }

        if (!agent.Routable || !HasRoomFor(agent, conversation))
        {
            return Refuse(RoutingError.AgentCannotTakeChat, now);
        }

        TakeFromQueue(conversation, agent, AssignmentKind.Picked, now);
        return Finish(now);
    }

    /// <summary>Finds a conversation assigned to <paramref name="username"/> (transfers start from there), or says why not.</summary>
    private RoutingError? FindAssigned(Guid conversationId, string username, out RoutedConversation conversation)
    {
        conversation = null!;
        if (!_conversations.TryGetValue(conversationId, out var found))
        {
            return RoutingError.UnknownConversation;
        }

        if (found.Stage != ConversationStage.Assigned || !string.Equals(found.Username, username, StringComparison.Ordinal))
        {
            return RoutingError.NotAssignedToAgent;
        }

        conversation = found;
        return null;
    }

    /// <summary>Finds a waiting conversation and an agent to give it to (force-assign, manual pick), or says why not.</summary>
    private RoutingError? FindQueued(Guid conversationId, string username, out RoutedConversation conversation, out AgentState agent)
    {
        conversation = null!;
        agent = null!;
        if (!_conversations.TryGetValue(conversationId, out var found))
        {
            return RoutingError.UnknownConversation;
        }

        if (!found.InQueue)
        {
            return RoutingError.NotQueued;
        }

        if (!_agents.TryGetValue(username, out var taker))
        {
            return RoutingError.UnknownAgent;
        }

        (conversation, agent) = (found, taker);
        return null;
    }

    /// <summary>Whether the agent can hold one more chat, counting an open offer of this very chat to them as theirs.</summary>
    private bool HasRoomFor(AgentState agent, RoutedConversation conversation)
    {
        var offeredToThem = conversation.OfferId is { } id && string.Equals(_offers[id].Username, agent.Id, StringComparison.Ordinal);
        return agent.Load - (offeredToThem ? 1 : 0) < agent.Profile.Capacity;
    }

    private void TakeFromQueue(RoutedConversation conversation, AgentState agent, AssignmentKind kind, DateTimeOffset now)
    {
        if (conversation.OfferId is { } offerId)
        {
            var offer = _offers[offerId];
            RemoveOffer(offer);
            conversation.OfferId = null;
            conversation.Stage = ConversationStage.Queued;
            _events.Add(new OfferWithdrawn(offer.Id, conversation.Id, offer.Username, OfferEndReason.TakenElsewhere));
        }

        Assign(conversation, agent, kind, now);
    }
}
