namespace Parley.Routing;

// Assigned chats that go back to a queue without their agent transferring them: the agent went Offline, or a
// supervisor moved them. Either way the chat keeps its original entry time, so it lines up ahead of later chats.
public sealed partial class RoutingEngine
{
    /// <summary>A supervisor puts an assigned chat into a queue (the same or another), away from its agent.</summary>
    public RoutingOutcome MoveToQueue(Guid conversationId, string queueName, DateTimeOffset now)
    {
        Advance(now);
        if (!_conversations.TryGetValue(conversationId, out var conversation))
        {
            return Refuse(RoutingError.UnknownConversation, now);
        }

        if (conversation.Stage != ConversationStage.Assigned)
        {
            return Refuse(RoutingError.NotAssignedToAgent, now);
        }

        if (!_queues.TryGetValue(queueName, out var queue))
        {
            return Refuse(RoutingError.UnknownQueue, now);
        }

        ReturnToQueue(conversation, queue, RequeueReason.Supervisor, now);
        return Finish(now);
    }

    /// <summary>An agent who goes Offline holds no chat: each goes back to its queue (nobody would answer it).</summary>
    private void ReturnChats(AgentState agent, DateTimeOffset now)
    {
        // In the order they were assigned is not known here; entry order is what the queue uses anyway.
        foreach (var conversation in agent.Conversations.Select(id => _conversations[id]).OrderBy(c => c.EnteredAt).ThenBy(c => c.Arrival).ToList())
        {
            ReturnToQueue(conversation, _queues[conversation.Queue], RequeueReason.AgentOffline, now);
        }
    }

    private void ReturnToQueue(RoutedConversation conversation, QueueState queue, RequeueReason reason, DateTimeOffset now)
    {
        if (conversation.TransferOfferId is { } pending)
        {
            EndOffer(_offers[pending], OfferEndReason.TakenElsewhere, now);
        }

        var fromAgent = conversation.Username!;
        if (_agents.TryGetValue(fromAgent, out var agent))
        {
            Change(agent, a => a.Conversations.Remove(conversation.Id));
        }

        var fromQueue = conversation.Queue;
        conversation.Stage = ConversationStage.Queued;
        conversation.Username = null;
        conversation.AssignedAt = null;
        EnterQueue(conversation, queue, now);
        _events.Add(new ConversationRequeued(conversation.Id, fromQueue, queue.Name, reason, fromAgent));
    }
}
