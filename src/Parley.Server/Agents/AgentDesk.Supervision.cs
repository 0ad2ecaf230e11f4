using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.Files;
using Parley.Server.Storage;

namespace Parley.Server.Agents;

// Supervision (issue 21): the chats in progress of the supervisor's queues, monitor, whisper, barge in, take over.
// Every call checks the account as it is now: a supervisor of the chat's queue (team scoping) or an admin.
public sealed partial class AgentDesk
{
    /// <summary>The chats in progress in the queues the supervisor supervises now, longest running first.</summary>
    public IReadOnlyList<LiveChatView> GetLiveChats(string supervisor)
    {
        RequireSupervisor(supervisor);
        return [.. liveChats.All.Where(c => scope.MaySupervise(supervisor, c.Queue))];
    }

    /// <summary>
    /// Starts monitoring a chat in progress silently: answers its transcript and notes so far; its new messages follow as
    /// <see cref="MonitoredMessageView"/>s. Neither the customer nor the agent is told.
    /// </summary>
    public async Task<MonitoredChatView> MonitorAsync(string supervisor, Guid conversationId, CancellationToken cancellationToken)
    {
        var chat = await InProgressAsync(supervisor, conversationId, cancellationToken);
        // Watching first, then reading: a message stored in between arrives both ways (the seq tells it apart), never neither.
        var already = monitors.IsWatching(conversationId, supervisor);
        monitors.Watch(conversationId, supervisor);
        var messages = await log.GetMessagesAsync(conversationId, 0, cancellationToken, LinkAudience.Agent);
        var noteList = await notes.ListAsync(conversationId, cancellationToken);
        if (!already)
        {
            await RecordAsync(supervisor, SupervisionAction.Monitor, chat, null, cancellationToken);
        }

        return new MonitoredChatView(chat, messages, noteList, monitors.HasJoined(conversationId, supervisor));
    }

    /// <summary>Stops monitoring; a supervisor who had joined the chat leaves it (the customer and agent see a line saying so).</summary>
    public async Task StopMonitoringAsync(string supervisor, Guid conversationId, CancellationToken cancellationToken)
    {
        if (!monitors.IsWatching(conversationId, supervisor))
        {
            return;
        }

        var joined = monitors.Stop(conversationId, supervisor);
        if (joined)
        {
            var name = directory.DisplayName(supervisor);
            await log.NoteAsync(conversationId, _ => $"{name} left the chat.");
        }

        if (log.FindOpen(conversationId) is { } conversation)
        {
            await RecordAsync(supervisor, SupervisionAction.StopMonitoring, conversation.Id, conversation.Queue, null, cancellationToken);
        }
    }

    /// <summary>A whisper: a note to the chat's agent only (its own sequence, never sent to the customer or an edge).</summary>
    public async Task<NoteView> WhisperAsync(string supervisor, Guid conversationId, string? text, CancellationToken cancellationToken)
    {
        var valid = ConversationNotes.Text(text);
        var chat = await InProgressAsync(supervisor, conversationId, cancellationToken);
        var conversation = await log.FindAsync(conversationId, cancellationToken)
            ?? throw new CoreException(CoreError.NotFound, "There is no such conversation.");
        var note = await notes.AddAsync(conversation, supervisor, directory.DisplayName(supervisor), valid, null, cancellationToken, whisper: true);
        await RecordAsync(supervisor, SupervisionAction.Whisper, chat, null, cancellationToken);
        return note;
    }

    /// <summary>
    /// The supervisor joins the chat: the customer and the agent see "… joined the chat", and the supervisor may now send
    /// messages the customer sees under the supervisor's name (<see cref="SendAsSupervisorAsync"/>). Monitoring starts too.
    /// </summary>
    public async Task<MonitoredChatView> BargeInAsync(string supervisor, Guid conversationId, CancellationToken cancellationToken)
    {
        var chat = await InProgressAsync(supervisor, conversationId, cancellationToken);
        if (!monitors.HasJoined(conversationId, supervisor))
        {
            monitors.Watch(conversationId, supervisor, joined: true);
            var name = directory.DisplayName(supervisor);
            await log.NoteAsync(conversationId, _ => $"{name} (supervisor) joined the chat.");
            await RecordAsync(supervisor, SupervisionAction.BargeIn, chat, null, cancellationToken);
        }

        return await MonitorAsync(supervisor, conversationId, cancellationToken);
    }

    /// <summary>A message from a supervisor who joined the chat: the customer and the agent see it under the supervisor's name.</summary>
    public async Task<MessageAccepted> SendAsSupervisorAsync(string supervisor, Guid conversationId, string? clientMessageId, string? text, CancellationToken cancellationToken)
    {
        var (normalized, error) = MessageText.Normalize(text);
        error ??= MessageText.CheckClientMessageId(clientMessageId);
        if (error is not null)
        {
            throw new CoreException(CoreError.Invalid, error);
        }

        var chat = await InProgressAsync(supervisor, conversationId, cancellationToken);
        if (!monitors.HasJoined(conversationId, supervisor))
        {
            throw new CoreException(CoreError.Invalid, "Join the chat first (barge in) to write to the customer.");
        }

        var accepted = await log.AppendAsync(conversationId, MessageSender.Agent, directory.DisplayName(supervisor), clientMessageId, normalized!, agentUsername: null, cancellationToken);
        await RecordAsync(supervisor, SupervisionAction.SupervisorMessage, chat, null, cancellationToken);
        return accepted;
    }

    /// <summary>
    /// The supervisor takes the chat over: it becomes theirs (they must be signed in with room for it), the agent's slot
    /// is freed and the agent is told it left them.
    /// </summary>
    public async Task<AssignedConversationView> TakeOverAsync(string supervisor, Guid conversationId, CancellationToken cancellationToken)
    {
        var chat = await InProgressAsync(supervisor, conversationId, cancellationToken);
        if (chat.Agent == supervisor)
        {
            throw new CoreException(CoreError.Invalid, "This chat is yours already.");
        }

        Check(await routing.ForceAssignAsync(conversationId, supervisor, cancellationToken));
        // Theirs now: as its agent they hear every message, as a monitor they would hear it twice.
        monitors.Stop(conversationId, supervisor);
        await RecordAsync(supervisor, SupervisionAction.TakeOver, chat, supervisor, cancellationToken);
        return await AssignedAsync(conversationId, cancellationToken);
    }

    /// <summary>A chat in progress in a queue the supervisor supervises now; otherwise a refusal.</summary>
    private async Task<LiveChatView> InProgressAsync(string supervisor, Guid conversationId, CancellationToken cancellationToken)
    {
        var conversation = await SupervisedAsync(supervisor, conversationId, cancellationToken);
        return liveChats.Find(conversation.Id)
            ?? throw new CoreException(CoreError.Invalid, "No agent holds this chat now.");
    }

    private Task RecordAsync(string supervisor, SupervisionAction action, LiveChatView chat, string? target, CancellationToken cancellationToken) =>
        RecordAsync(supervisor, action, chat.ConversationId, chat.Queue, target, cancellationToken);

    private Task RecordAsync(string supervisor, SupervisionAction action, ConversationRecord conversation, string? target, CancellationToken cancellationToken) =>
        RecordAsync(supervisor, action, conversation.Id, conversation.Queue, target, cancellationToken);

    private Task RecordAsync(string supervisor, SupervisionAction action, Guid conversationId, string queue, string? target, CancellationToken cancellationToken) =>
        supervisionLog.RecordAsync(new SupervisionRecord(supervisor, action, conversationId, queue, target, time.GetUtcNow()), cancellationToken);
}
