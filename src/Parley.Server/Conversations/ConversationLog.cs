using Microsoft.EntityFrameworkCore;
using Parley.Server.Accounts;
using Parley.Server.Contracts;
using Parley.Server.Edges;
using Parley.Server.Email;
using Parley.Server.Files;
using Parley.Server.Queues;
using Parley.Server.Storage;
using Parley.Server.Transport;

namespace Parley.Server.Conversations;

/// <summary>
/// The core's conversation log: gives every message its seq and server time, stores it, and only then tells the
/// customer's edge and the assigned agent. Open conversations are read from memory (<see cref="OpenConversations"/>),
/// changed under their lock and written through the group commit (<see cref="ConversationWriter"/>). It never calls
/// routing (routing's effects call it, outside routing's gate).
/// </summary>
public sealed partial class ConversationLog(
    IDbContextFactory<ParleyDbContext> db,
    ConversationLocks locks,
    OpenConversations open,
    ConversationWriter writer,
    TimeProvider time,
    IEdgePublisher edge,
    IAgentNotifier agents,
    AgentDirectory directory,
    QueueWorkflows workflows,
    QueueCatalog queues,
    EdgeDirectory edges,
    AttachmentLinks links,
    ConversationMonitors monitors,
    LiveChats liveChats,
    ILogger<ConversationLog> logger)
{
    /// <summary>Stores a message (once per clientMessageId) and then delivers it. A customer's name comes from the conversation.</summary>
    /// <param name="mailOf">The mail the message causes, if any (an answer to a left message goes by e-mail): stored with it.</param>
    /// <param name="attachment">The file the message carries (already stored by <see cref="FileIntake"/>), if any.</param>
    public async Task<MessageAccepted> AppendAsync(
        Guid conversationId, MessageSender sender, string? senderName, string? clientMessageId, string text, string? agentUsername, CancellationToken cancellationToken,
        Func<ConversationRecord, MessageRecord, OutgoingMail?>? mailOf = null, StoredFile? attachment = null)
    {
        using var _ = await locks.AcquireAsync(conversationId, cancellationToken);
        var live = await open.GetLockedAsync(conversationId, cancellationToken)
            ?? throw new CoreException(CoreError.NotFound, "There is no such conversation.");
        var conversation = live.Conversation;
        // Whose chat it is comes first: a clientMessageId looked up in someone else's chat would tell them its seq and time.
        if (agentUsername is not null && conversation.AgentUsername != agentUsername)
        {
            throw new CoreException(CoreError.Invalid, "This conversation is not assigned to you.");
        }

        if (clientMessageId is not null && live.MayHave(clientMessageId))
        {
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            if (await new ConversationQueries(context).ByClientMessageIdAsync(conversationId, clientMessageId, cancellationToken) is { } existing)
            {
                // A resend of a stored message (even after the end): the same answer as the first time.
                return existing.Sender == sender
                    ? new MessageAccepted(existing.Seq, existing.SentAt)
                    : throw new CoreException(CoreError.Invalid, "This clientMessageId is already used in this conversation.");
            }
        }

        if (!live.IsOpen)
        {
            throw new CoreException(CoreError.Ended, "This conversation has ended.");
        }

        var message = new MessageRecord
        {
            ConversationId = conversationId,
            Seq = live.LastSeq + 1,
            Sender = sender,
            // A customer's name is the one given at the start; read here, not looked up again by the caller.
            SenderName = sender == MessageSender.Customer ? conversation.CustomerName : senderName,
            Text = text,
            // As stored (to the microsecond): the acknowledgement and every later read show the same time.
            SentAt = UtcMicrosecondTimestamps.Normalize(time.GetUtcNow()),
            ClientMessageId = clientMessageId,
            AttachmentId = attachment?.Id,
            AttachmentName = attachment?.Name,
            AttachmentType = attachment?.Type.ContentType,
            AttachmentSize = attachment?.Size,
        };
        // Committed together with whatever other conversations' writes arrive meanwhile (group commit); still under
        // this conversation's lock, so its next message follows this seq. Memory moves only once it is committed: a
        // write the database refuses (its unique indexes are the last line of defence) leaves the seq where it was.
        await writer.WriteAsync(new ConversationWrite(Message: message, Mail: mailOf?.Invoke(conversation, message), Facts: FirstReply(live, message)));
        live.Appended(message);

        // Stored: now (and only now) tell the two sides, still under the lock so pushes go out in seq order.
        await DeliverAsync(conversation, message);
        return new MessageAccepted(message.Seq, message.SentAt);
    }

    /// <summary>
    /// Stores a new conversation with its first messages (and a mail it causes) and the fact that it entered its queue;
    /// the caller holds its lock.
    /// </summary>
    public async Task StoreStartedAsync(ConversationRecord conversation, OutgoingMail? mail = null)
    {
        conversation.QueuedAt = conversation.StartedAt;
        var queued = ConversationFacts.Queued(conversation, "arrival", edges.OriginOf(conversation.Id));
        await writer.WriteAsync(new ConversationWrite(Started: conversation, Mail: mail, Facts: [queued]));
        // Copied once stored: the stored times (to the microsecond) are the ones the core shows.
        open.Started(conversation.Copy(), conversation.Messages.Count == 0 ? 0 : conversation.Messages.Max(m => m.Seq));
    }

    /// <summary>
    /// Changes an open conversation's row and says so in a system message, stored in one write under its lock:
    /// <paramref name="change"/> gets a copy to change and the time of the change, and answers the message's text and the
    /// reporting facts the change records (and the assignment it makes), or a null text to leave the conversation as it is (it is no longer as the
    /// caller expected). Once stored, <paramref name="tell"/> notifies whoever must hear of the change before the message
    /// is delivered (still under the lock, so the message goes out in seq order). Answers the stored row, or null.
    /// </summary>
    public async Task<ConversationRecord?> ChangeAsync(
        Guid conversationId, Func<ConversationRecord, DateTimeOffset, (string? Text, IReadOnlyList<ReportEventRecord>? Facts, ConversationAssignmentRecord? Assignment)> change, Func<ConversationRecord, Task> tell)
    {
        using var _ = await locks.AcquireAsync(conversationId, CancellationToken.None);
        if (await open.GetLockedAsync(conversationId, CancellationToken.None) is not { IsOpen: true } live)
        {
            return null;
        }

        var changed = live.Conversation.Copy();
        var now = UtcMicrosecondTimestamps.Normalize(time.GetUtcNow());
        if (change(changed, now) is not { Text: { } text } decided)
        {
            return null;
        }

        var message = SystemMessage(live, text, now);
        await writer.WriteAsync(new ConversationWrite(Changed: changed, Message: message, Facts: decided.Facts, Assignment: decided.Assignment));
        live.Appended(message);
        live.Stored(changed);
        await tell(changed);
        await DeliverAsync(changed, message.ToView());
        return changed;
    }

    /// <param name="audience">Whom the attachments' links are minted for.</param>
    public async Task<IReadOnlyList<MessageView>> GetMessagesAsync(Guid conversationId, long afterSeq, CancellationToken cancellationToken, LinkAudience audience = LinkAudience.Customer)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var messages = await new ConversationQueries(context).MessagesAfterAsync(conversationId, afterSeq, cancellationToken);
        return [.. messages.Select(m => links.Attach(m.ToView(), m, audience))];
    }

    /// <summary>The conversation's row as last stored (from memory while it is open). Never change it.</summary>
    /// <summary>The conversation's row if it is open (held in memory), else null: no database read.</summary>
    public ConversationRecord? FindOpen(Guid conversationId) => open.FindOpen(conversationId);

    public Task<ConversationRecord?> FindAsync(Guid conversationId, CancellationToken cancellationToken) =>
        open.FindAsync(conversationId, cancellationToken);

    /// <summary>The row and the seq of its last message (what a customer's view of the chat shows).</summary>
    public Task<(ConversationRecord Conversation, long LastSeq)?> FindWithLastSeqAsync(Guid conversationId, CancellationToken cancellationToken) =>
        open.FindWithLastSeqAsync(conversationId, cancellationToken);

    /// <summary>
    /// Ends the conversation in the log (idempotent): the closing system message (by default who ended it) and the
    /// workflow's closing line (a chat's, if its version has one) stored with the ended row in one write, the customer's
    /// status, the agent's notice. Answers whether it ended here.
    /// </summary>
    /// <param name="due">Checked under the lock: false leaves the conversation open (a time-out overtaken by a message).</param>
    /// <param name="expired">The queue's maximum wait ends it (reported as expired, not abandoned).</param>
    public async Task<bool> EndAsync(
        Guid conversationId, string endedBy, string? text, CancellationToken cancellationToken, Func<LiveConversation, bool>? due = null, bool expired = false)
    {
        string? agentUsername;
        using (await locks.AcquireAsync(conversationId, cancellationToken))
        {
            var live = await open.GetLockedAsync(conversationId, cancellationToken)
                ?? throw new CoreException(CoreError.NotFound, "There is no such conversation.");
            if (!live.IsOpen || (due is not null && !due(live)))
            {
                return false;
            }

            var conversation = live.Conversation.Copy();
            agentUsername = conversation.AgentUsername;
            var who = endedBy == "agent" && agentUsername is not null ? directory.DisplayName(agentUsername) : conversation.CustomerName;
            var message = SystemMessage(live, text ?? $"{who} ended the chat.");
            var closing = ClosingLine(conversation, message);
            var surveyOffered = conversation.Kind == ConversationKind.Chat && workflows.ForConversation(conversation).Survey.Enabled;
            var facts = ConversationFacts.Ended(live.Conversation, endedBy, message.SentAt, expired, surveyOffered);
            conversation.State = ConversationState.Ended;
            conversation.EndedAt = message.SentAt;
            conversation.EndedBy = endedBy;
            await writer.WriteAsync(new ConversationWrite(Changed: conversation, Message: message, Closing: closing, Facts: facts));
            live.Appended(message);
            if (closing is not null)
            {
                live.Appended(closing);
            }

            live.Stored(conversation);
            open.Ended(conversationId);
            await DeliverAsync(conversation, message.ToView());
            if (closing is not null)
            {
                await DeliverAsync(conversation, closing.ToView());
            }

            await edge.PublishAsync(new StatusChanged(conversationId, new ConversationStatus(ConversationState.Ended)), cancellationToken);
        }

        LogEnded(conversationId, endedBy);
        if (agentUsername is not null)
        {
            await agents.SendAsync(agentUsername, new ConversationEndedView(conversationId, endedBy));
        }

        return true;
    }

    /// <summary>
    /// A system line in an open conversation, under its lock: <paramref name="text"/> answers it from the conversation
    /// as it is then, or null for none (no longer due). Answers whether a line was stored.
    /// </summary>
    public async Task<bool> NoteAsync(Guid conversationId, Func<LiveConversation, string?> text)
    {
        using var _ = await locks.AcquireAsync(conversationId, CancellationToken.None);
        if (await open.GetLockedAsync(conversationId, CancellationToken.None) is not { IsOpen: true } live || text(live) is not { } line)
        {
            return false;
        }

        var message = SystemMessage(live, line);
        await writer.WriteAsync(new ConversationWrite(Message: message));
        live.Appended(message);
        await DeliverAsync(live.Conversation, message.ToView());
        return true;
    }

    /// <summary>A workflow text with the conversation's names filled in (the agent's, the customer's, its queue's).</summary>
    public string Render(ConversationRecord conversation, string template, string? agentName = null) =>
        WorkflowText.Render(
            template,
            agentName ?? (conversation.AgentUsername is { } agent ? directory.DisplayName(agent) : null),
            conversation.CustomerName,
            queues.Find(conversation.Queue)?.DisplayName ?? conversation.Queue);

    /// <summary>The workflow's closing line after <paramref name="last"/>, for a chat whose version has one.</summary>
    private MessageRecord? ClosingLine(ConversationRecord conversation, MessageRecord last) =>
        conversation.Kind == ConversationKind.Chat && workflows.ForConversation(conversation).Closing is { } closing
            ? new MessageRecord
            {
                ConversationId = conversation.Id,
                Seq = last.Seq + 1,
                Sender = MessageSender.System,
                Text = Render(conversation, closing),
                SentAt = last.SentAt,
            }
            : null;

    public async Task CustomerTypingAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var conversation = await FindAsync(conversationId, cancellationToken);
        if (conversation is { State: ConversationState.Assigned, AgentUsername: { } agent })
        {
            await agents.SendAsync(agent, new CustomerTypingView(conversationId, "customer", conversation.CustomerName));
        }
    }

    /// <summary>The conversation's next message, from the server, at the server's time (as stored, to the microsecond).</summary>
    private MessageRecord SystemMessage(LiveConversation live, string text, DateTimeOffset? at = null) => new()
    {
        ConversationId = live.Conversation.Id,
        Seq = live.LastSeq + 1,
        Sender = MessageSender.System,
        Text = text,
        SentAt = at ?? UtcMicrosecondTimestamps.Normalize(time.GetUtcNow()),
    };

    /// <summary>
    /// The agent's first reply since they took the chat, as a fact: only when memory has followed the chat since then
    /// (after a restart an earlier reply may exist unseen, and a second "first" reply would be wrong).
    /// </summary>
    private static ReportEventRecord[]? FirstReply(LiveConversation live, MessageRecord message)
    {
        var c = live.Conversation;
        if (message.Sender != MessageSender.Agent || c.AssignedAt is not { } assigned)
        {
            return null;
        }

        var times = live.Times;
        return times.HeldSince <= assigned && (times.LastAgentAt is not { } last || last < assigned)
            ? [ConversationFacts.Of(ReportEventKinds.FirstReply, c, message.SentAt, c.AgentUsername, ConversationFacts.Ms(message.SentAt) - ConversationFacts.Ms(assigned))]
            : null;
    }

    /// <summary>A message that may carry an attachment: each side gets links minted for it (customers download through an edge).</summary>
    private Task DeliverAsync(ConversationRecord conversation, MessageRecord message)
    {
        var view = message.ToView();
        return DeliverAsync(conversation, links.Attach(view, message, LinkAudience.Customer), links.Attach(view, message, LinkAudience.Agent));
    }

    private Task DeliverAsync(ConversationRecord conversation, MessageView message) => DeliverAsync(conversation, message, message);

    /// <summary>
    /// To the customer's edge, then to the agent holding the chat and the supervisors monitoring it (each view with its
    /// own side's links); the supervisors' list of chats in progress hears of it.
    /// </summary>
    private async Task DeliverAsync(ConversationRecord conversation, MessageView toCustomer, MessageView toAgent)
    {
        await edge.PublishAsync(new MessageAppended(conversation.Id, toCustomer), CancellationToken.None);
        if (conversation.AgentUsername is { } agent)
        {
            await agents.SendAsync(agent, new AgentMessageView(conversation.Id, toAgent));
        }

        await monitors.DeliverAsync(conversation, toAgent);
        liveChats.Touched();
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Conversation {ConversationId} ended by {EndedBy}")]
    private partial void LogEnded(Guid conversationId, string endedBy);
}
