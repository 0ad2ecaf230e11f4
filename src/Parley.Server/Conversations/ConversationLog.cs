using Microsoft.EntityFrameworkCore;
using Parley.Server.Accounts;
using Parley.Server.Contracts;
using Parley.Server.Storage;
using Parley.Server.Transport;

namespace Parley.Server.Conversations;

/// <summary>
/// The core's conversation log: gives every message its seq and server time, stores it, and only then tells the
/// customer's edge and the assigned agent. It never calls routing (routing's effects call it), so routing's gate can
/// hold while it runs. Locking order: routing gate, then conversation lock.
/// </summary>
public sealed partial class ConversationLog(
    IDbContextFactory<ParleyDbContext> db,
    ConversationLocks locks,
    MessageWriter writer,
    TimeProvider time,
    IEdgePublisher edge,
    IAgentNotifier agents,
    AgentDirectory directory,
    ILogger<ConversationLog> logger)
{

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
        await DeliverAsync(conversation, message.ToView());
        return new MessageAccepted(message.Seq, message.SentAt);
    }

    public Task<MessageAccepted> AppendSystemAsync(Guid conversationId, string text, CancellationToken cancellationToken) =>
        AppendAsync(conversationId, MessageSender.System, null, null, text, null, cancellationToken);

    public async Task<IReadOnlyList<MessageView>> GetMessagesAsync(Guid conversationId, long afterSeq, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var messages = await new ConversationQueries(context).MessagesAfterAsync(conversationId, afterSeq, cancellationToken);
        return [.. messages.Select(m => m.ToView())];
    }

    public async Task<ConversationRecord?> FindAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await context.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
    }

    /// <summary>
    /// Ends the conversation in the log (idempotent): the closing system message (by default who ended it), the
    /// customer's status, the agent's notice. Answers whether it was open.
    /// </summary>
    public async Task<bool> EndAsync(Guid conversationId, string endedBy, string? text, CancellationToken cancellationToken)
    {
        string? agentUsername;
        using (await locks.AcquireAsync(conversationId, cancellationToken))
        {
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            var conversation = await context.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken)
                ?? throw new CoreException(CoreError.NotFound, "There is no such conversation.");
            if (conversation.State == ConversationState.Ended)
            {
                return false;
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
            await DeliverAsync(conversation, message.ToView());
            await edge.PublishAsync(new StatusChanged(conversationId, new ConversationStatus(ConversationState.Ended)), cancellationToken);
        }

        LogEnded(conversationId, endedBy);
        if (agentUsername is not null)
        {
            await agents.SendAsync(agentUsername, new ConversationEndedView(conversationId, endedBy));
        }

        return true;
    }

    public async Task CustomerTypingAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var conversation = await FindAsync(conversationId, cancellationToken);
        if (conversation is { State: ConversationState.Assigned, AgentUsername: { } agent })
        {
            await agents.SendAsync(agent, new CustomerTypingView(conversationId, "customer", conversation.CustomerName));
        }
    }

    private async Task DeliverAsync(ConversationRecord conversation, MessageView message)
    {
        await edge.PublishAsync(new MessageAppended(conversation.Id, message), CancellationToken.None);
        if (conversation.AgentUsername is { } agent)
        {
            await agents.SendAsync(agent, new AgentMessageView(conversation.Id, message));
        }
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Conversation {ConversationId} ended by {EndedBy}")]
    private partial void LogEnded(Guid conversationId, string endedBy);
}
