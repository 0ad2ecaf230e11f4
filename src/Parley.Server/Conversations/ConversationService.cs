using Microsoft.EntityFrameworkCore;
using Parley.Server.Agents;
using Parley.Server.Queues;
using Parley.Server.Routing;
using Parley.Server.Storage;
using Parley.Server.Transport;

namespace Parley.Server.Conversations;

/// <summary>
/// The core's conversation log: starts conversations, gives every message its seq and server time, stores it,
/// and only then tells the customer's edge and the assigned agent. Locking order: routing gate, then
/// conversation lock — never a routing call while a conversation lock is held.
/// </summary>
public sealed partial class ConversationService(
    IDbContextFactory<ParleyDbContext> db,
    ConversationLocks locks,
    MessageWriter writer,
    TimeProvider time,
    IEdgePublisher edge,
    AgentNotifier agents,
    AgentDirectory directory,
    QueueCatalog queues,
    RoutingCoordinator routing,
    LiveBoard board,
    Parley.Server.Edges.EdgeDirectory edges,
    ILogger<ConversationService> logger)
{
    public async Task<ConversationStarted> StartAsync(StartConversation request, CancellationToken cancellationToken)
    {
        ConversationRecord conversation;
        QueueRecord queue;
        string? previousAgent;
        // Under the conversation's lock, released before routing (locking order): the same start sent again at once — a
        // customer's retry while the first attempt was still on its way — finds the conversation the other one stored.
        using (await locks.AcquireAsync(request.ConversationId, cancellationToken))
        {
            if (await FindAsync(request.ConversationId, cancellationToken) is { } started)
            {
                // The same start again (a retry with the same Idempotency-Key, or the broker redelivering): one conversation.
                return new ConversationStarted(started.Id, StatusOf(started));
            }

            (conversation, queue, previousAgent) = await StoreAsync(request, cancellationToken);
        }

        LogStarted(conversation.Id, queue.Name);
        var routingRequest = new Parley.Routing.ConversationRequest(conversation.Id, queue.Name, conversation.StartedAt)
        {
            Answers = conversation.Answers,
            PreviousAgent = previousAgent,
        };
        var (outcome, standing) = await routing.EnqueueAsync(routingRequest, cancellationToken);
        if (outcome.Error is { } refused)
        {
            // Not routed (full, or the queue was removed a moment ago): end it rather than leave it waiting forever.
            var full = refused == Parley.Routing.RoutingError.QueueFull;
            await EndAsync(conversation.Id, "system", full
                ? "The queue is full right now. Please try again in a few minutes."
                : "This chat could not be queued. Please try again.", routed: false, CancellationToken.None);
            throw full
                ? new CoreException(CoreError.Full, $"The queue '{queue.DisplayName}' is full right now. Please try again in a few minutes.")
                : new CoreException(CoreError.NotFound, $"There is no queue named '{request.Queue}'.");
        }

        return new ConversationStarted(conversation.Id, ConversationStatus.Queued(standing));
    }

    /// <summary>Checks and stores a new conversation; answers its queue and the visitor's previous agent (affinity), if any.</summary>
    private async Task<(ConversationRecord Conversation, QueueRecord Queue, string? PreviousAgent)> StoreAsync(StartConversation request, CancellationToken cancellationToken)
    {
        var queue = queues.Find(request.Queue) ?? throw new CoreException(CoreError.NotFound, $"There is no queue named '{request.Queue}'.");
        if (!ValidText.Is(request.Customer.Name) || !ValidText.Is(request.Customer.Email) || !ValidText.Is(request.VisitorId))
        {
            // The edge checks these too; the core trusts no edge with what reaches the database.
            throw new CoreException(CoreError.Invalid, ValidText.Error);
        }

        var answers = PreChatAnswers.Validate(queue, request.Answers);
        var now = time.GetUtcNow();
        var conversation = new ConversationRecord
        {
            Id = request.ConversationId,
            Queue = queue.Name,
            StartQueue = queue.Name,
            CustomerName = request.Customer.Name.Trim(),
            CustomerEmail = string.IsNullOrWhiteSpace(request.Customer.Email) ? null : request.Customer.Email.Trim(),
            Answers = answers,
            VisitorId = request.VisitorId,
            State = ConversationState.Queued,
            StartedAt = now,
            LastSeq = 1,
            Messages =
            [
                new MessageRecord { Seq = 1, Sender = MessageSender.System, Text = queue.Welcome ?? $"Welcome! You are in the queue for {queue.DisplayName}.", SentAt = now },
            ],
        };

        string? previousAgent = null;
        await using (var context = await db.CreateDbContextAsync(cancellationToken))
        {
            if (request.VisitorId is { } visitor && queue.AffinitySeconds > 0)
            {
                previousAgent = await new ConversationQueries(context).LatestAgentOfVisitorAsync(visitor, cancellationToken);
            }

            context.Conversations.Add(conversation);
            await context.SaveChangesAsync(cancellationToken);
        }

        return (conversation, queue, previousAgent);
    }

    /// <summary>Stores a message (once per clientMessageId) and then delivers it. A customer's name comes from the conversation.</summary>
    public async Task<MessageAccepted> AppendAsync(Guid conversationId, MessageSender sender, string? senderName, string? clientMessageId, string text, string? agentUsername, CancellationToken cancellationToken)
    {
        using var _ = await locks.AcquireAsync(conversationId, cancellationToken);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var conversation = await context.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken)
            ?? throw new CoreException(CoreError.NotFound, "There is no such conversation.");
        // Whose chat it is comes first: a clientMessageId looked up in someone else's chat would tell them its seq and time.
        if (agentUsername is not null && conversation.AgentUsername != agentUsername)
        {
            throw new CoreException(CoreError.Invalid, "This conversation is not assigned to you.");
        }

        if (clientMessageId is not null)
        {
            var existing = await context.Messages.AsNoTracking()
                .Where(m => m.ConversationId == conversationId && m.ClientMessageId == clientMessageId)
                .Select(m => new { m.Seq, m.SentAt, m.Sender })
                .FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
            {
                // A resend of a stored message (even after the end): the same answer as the first time.
                return existing.Sender == sender
                    ? new MessageAccepted(existing.Seq, existing.SentAt)
                    : throw new CoreException(CoreError.Invalid, "This clientMessageId is already used in this conversation.");
            }
        }

        if (conversation.State == ConversationState.Ended)
        {
            throw new CoreException(CoreError.Ended, "This conversation has ended.");
        }

        var message = new MessageRecord
        {
            ConversationId = conversationId,
            Seq = conversation.LastSeq + 1,
            Sender = sender,
            // A customer's name is the one given at the start; read here, not looked up again by the caller.
            SenderName = sender == MessageSender.Customer ? conversation.CustomerName : senderName,
            Text = text,
            SentAt = time.GetUtcNow(),
            ClientMessageId = clientMessageId,
        };
        // Committed together with whatever other conversations' messages arrive meanwhile (group commit); still
        // under this conversation's lock, so its next message reads this seq.
        await writer.WriteAsync(message);

        // Stored: now (and only now) tell the two sides, still under the lock so pushes go out in seq order.
        await DeliverAsync(conversation, MessageView.From(message));
        return new MessageAccepted(message.Seq, message.SentAt);
    }

    public Task<MessageAccepted> AppendSystemAsync(Guid conversationId, string text, CancellationToken cancellationToken) =>
        AppendAsync(conversationId, MessageSender.System, null, null, text, null, cancellationToken);

    public async Task<IReadOnlyList<MessageView>> GetMessagesAsync(Guid conversationId, long afterSeq, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var messages = await new ConversationQueries(context).MessagesAfterAsync(conversationId, afterSeq, cancellationToken);
        return [.. messages.Select(MessageView.From)];
    }

    public async Task<ConversationRecord?> FindAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await context.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
    }

    public ConversationView ViewOf(ConversationRecord conversation) =>
        new(conversation.Id, conversation.Queue,
            StatusOf(conversation) with { QueueDisplayName = queues.Find(conversation.Queue)?.DisplayName ?? conversation.Queue }, conversation.LastSeq);

    public ConversationStatus StatusOf(ConversationRecord conversation) => conversation.State switch
    {
        ConversationState.Assigned => new ConversationStatus(ConversationState.Assigned, directory.DisplayName(conversation.AgentUsername!)),
        ConversationState.Queued => ConversationStatus.Queued(board.Standing(conversation.Id)),
        _ => new ConversationStatus(conversation.State),
    };

    /// <summary>
    /// Routing gave the conversation to an agent (from the queue, or from <paramref name="fromAgent"/> by transfer or
    /// by a supervisor): record it, tell everyone involved.
    /// </summary>
    public async Task AssignAsync(Guid conversationId, string agentUsername, DateTimeOffset assignedAt, string? fromAgent, Parley.Routing.AssignmentKind kind, CancellationToken cancellationToken)
    {
        ConversationRecord conversation;
        using (await locks.AcquireAsync(conversationId, cancellationToken))
        {
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            conversation = await context.Conversations.FirstAsync(c => c.Id == conversationId, cancellationToken);
            var expected = fromAgent is null ? ConversationState.Queued : ConversationState.Assigned;
            if (conversation.State != expected || (fromAgent is not null && conversation.AgentUsername != fromAgent))
            {
                return; // Ended while the offer was being accepted; routing is told by EndAsync.
            }

            conversation.State = ConversationState.Assigned;
            conversation.AgentUsername = agentUsername;
            conversation.AssignedAt = assignedAt;
            await context.SaveChangesAsync(cancellationToken);
        }

        var agentName = directory.DisplayName(agentUsername);
        if (fromAgent is not null)
        {
            await agents.SendAsync(fromAgent, new ConversationTransferredView(conversationId, agentName, null));
        }

        await agents.SendAsync(agentUsername, AssignedView(conversation));
        await edge.PublishAsync(new StatusChanged(conversationId, new ConversationStatus(ConversationState.Assigned, agentName)), cancellationToken);
        await AppendSystemAsync(conversationId, (fromAgent, kind) switch
        {
            (null, _) => $"{agentName} joined the chat.",
            (_, Parley.Routing.AssignmentKind.Forced) => $"{agentName} took over the chat from {directory.DisplayName(fromAgent)}.",
            _ => $"{directory.DisplayName(fromAgent)} transferred the chat to {agentName}.",
        }, cancellationToken);
    }

    /// <summary>
    /// Routing moved the conversation into a queue (transfer to queue, overflow, a supervisor's move) or back into
    /// its own (its agent went Offline). The transcript and pre-chat answers stay with it; the next agent sees both.
    /// </summary>
    public async Task RequeueAsync(Guid conversationId, string queueName, string? fromAgent, Parley.Routing.RequeueReason reason, CancellationToken cancellationToken)
    {
        using (await locks.AcquireAsync(conversationId, cancellationToken))
        {
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            var conversation = await context.Conversations.FirstAsync(c => c.Id == conversationId, cancellationToken);
            if (conversation.State == ConversationState.Ended)
            {
                return;
            }

            conversation.Queue = queueName;
            conversation.State = ConversationState.Queued;
            conversation.AgentUsername = null;
            conversation.AssignedAt = null;
            await context.SaveChangesAsync(cancellationToken);
        }

        var queueDisplay = queues.Find(queueName)?.DisplayName ?? queueName;
        if (fromAgent is not null)
        {
            await agents.SendAsync(fromAgent, new ConversationTransferredView(conversationId, null, queueDisplay));
        }

        // The widget's header names the queue the chat is in now.
        await edge.PublishAsync(new StatusChanged(conversationId, ConversationStatus.Queued(null) with { QueueDisplayName = queueDisplay }), cancellationToken);
        await AppendSystemAsync(conversationId, RequeuedText(reason, fromAgent is null ? null : directory.DisplayName(fromAgent), queueDisplay), cancellationToken);
    }

    /// <summary>What the customer reads when their chat goes (back) into a queue: plain words, their place kept.</summary>
    private static string RequeuedText(Parley.Routing.RequeueReason reason, string? fromAgent, string queueDisplay) => reason switch
    {
        Parley.Routing.RequeueReason.AgentOffline =>
            $"{fromAgent ?? "Your agent"} had to leave. Your chat is back in the queue, keeping its place, and the next free agent will answer you here.",
        Parley.Routing.RequeueReason.Supervisor =>
            $"Your chat was moved to {queueDisplay}, keeping its place in line. The next free agent will answer you here.",
        _ when fromAgent is null => $"Your chat moved to {queueDisplay} so that it is answered sooner.",
        _ => $"{fromAgent} transferred the chat to {queueDisplay}.",
    };

    /// <summary>Routing gave up on the chat (the queue's maximum wait): end it with a message the customer understands.</summary>
    public Task EndUnansweredAsync(Guid conversationId, CancellationToken cancellationToken) =>
        EndAsync(conversationId, "system", "Sorry, no agent could take your chat in time. Please try again later.", routed: false, cancellationToken);

    /// <summary>Ends the conversation (idempotent) and frees the agent's capacity.</summary>
    public Task EndAsync(Guid conversationId, string endedBy, CancellationToken cancellationToken) =>
        EndAsync(conversationId, endedBy, text: null, routed: true, cancellationToken);

    /// <param name="text">The system message; by default who ended the chat.</param>
    /// <param name="routed">False when routing itself ended the chat (it must not be called back).</param>
    private async Task EndAsync(Guid conversationId, string endedBy, string? text, bool routed, CancellationToken cancellationToken)
    {
        string? agentUsername;
        using (await locks.AcquireAsync(conversationId, cancellationToken))
        {
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            var conversation = await context.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken)
                ?? throw new CoreException(CoreError.NotFound, "There is no such conversation.");
            if (conversation.State == ConversationState.Ended)
            {
                return;
            }

            agentUsername = conversation.AgentUsername;
            var who = endedBy == "agent" && agentUsername is not null ? directory.DisplayName(agentUsername) : conversation.CustomerName;
            var message = new MessageRecord
            {
                ConversationId = conversationId,
                Seq = conversation.LastSeq + 1,
                Sender = MessageSender.System,
                Text = text ?? $"{who} ended the chat.",
                SentAt = time.GetUtcNow(),
            };
            conversation.State = ConversationState.Ended;
            conversation.EndedAt = message.SentAt;
            conversation.EndedBy = endedBy;
            conversation.LastSeq = message.Seq;
            context.Messages.Add(message);
            await context.SaveChangesAsync(cancellationToken);
            await DeliverAsync(conversation, MessageView.From(message));
            await edge.PublishAsync(new StatusChanged(conversationId, new ConversationStatus(ConversationState.Ended)), cancellationToken);
        }

        LogEnded(conversationId, endedBy);
        if (agentUsername is not null)
        {
            await agents.SendAsync(agentUsername, new ConversationEndedView(conversationId, endedBy));
        }

        if (routed)
        {
            await routing.EndAsync(conversationId, cancellationToken);
        }
    }

    public async Task CustomerTypingAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var conversation = await FindAsync(conversationId, cancellationToken);
        if (conversation is { State: ConversationState.Assigned, AgentUsername: { } agent })
        {
            await agents.SendAsync(agent, new CustomerTypingView(conversationId, "customer", conversation.CustomerName));
        }
    }

    public AssignedConversationView AssignedView(ConversationRecord c) =>
        new(c.Id, c.Queue, queues.Find(c.Queue)?.DisplayName ?? c.Queue, c.CustomerName, c.CustomerEmail, c.Answers, c.StartedAt, c.State,
            c.StartQueue ?? c.Queue, edges.CustomerReachable(c.Id));

    private async Task DeliverAsync(ConversationRecord conversation, MessageView message)
    {
        await edge.PublishAsync(new MessageAppended(conversation.Id, message), CancellationToken.None);
        if (conversation.AgentUsername is { } agent)
        {
            await agents.SendAsync(agent, new AgentMessageView(conversation.Id, message));
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Conversation {ConversationId} started in queue {Queue}")]
    private partial void LogStarted(Guid conversationId, string queue);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Conversation {ConversationId} ended by {EndedBy}")]
    private partial void LogEnded(Guid conversationId, string endedBy);
}
