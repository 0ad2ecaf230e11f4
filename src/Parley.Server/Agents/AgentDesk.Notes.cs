using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.Storage;

namespace Parley.Server.Agents;

// Internal notes, notes with a transfer, wrap-up codes and tags (issue 20).
public sealed partial class AgentDesk
{
    /// <summary>Adds an internal note: by the agent whose chat it is, or a supervisor. The customer never sees it.</summary>
    public async Task<NoteView> AddNoteAsync(string agent, Guid conversationId, string? text, CancellationToken cancellationToken)
    {
        var conversation = await MayWorkOnAsync(agent, conversationId, cancellationToken);
        return await notes.AddAsync(conversation, agent, directory.DisplayName(agent), ConversationNotes.Text(text), null, cancellationToken);
    }

    /// <summary>The chat's internal notes: for the agent whose chat it is, or a supervisor.</summary>
    public async Task<IReadOnlyList<NoteView>> GetNotesAsync(string agent, Guid conversationId, CancellationToken cancellationToken)
    {
        await MayWorkOnAsync(agent, conversationId, cancellationToken);
        return await notes.ListAsync(conversationId, cancellationToken);
    }

    /// <summary>
    /// A transfer to an agent with a note for them (a blank note: a plain transfer). The note is held for the offer and
    /// stored only when the agent accepts; refused, declined or timed out, it is not stored.
    /// </summary>
    public Task TransferToAgentAsync(string agent, Guid conversationId, string toAgent, string? note, CancellationToken cancellationToken) =>
        WithTransferNoteAsync(agent, conversationId, toAgent, note, () => TransferToAgentAsync(agent, conversationId, toAgent, cancellationToken), cancellationToken);

    /// <summary>A transfer to a queue with a note for whoever takes the chat next, stored when the chat moved there.</summary>
    public Task TransferToQueueAsync(string agent, Guid conversationId, string queue, string? note, CancellationToken cancellationToken) =>
        WithTransferNoteAsync(agent, conversationId, queue, note, () => TransferToQueueAsync(agent, conversationId, queue, cancellationToken), cancellationToken);

    public async Task<WrapUpView> GetWrapUpAsync(string agent, Guid conversationId, CancellationToken cancellationToken) =>
        await wrapUps.GetAsync(await MayWorkOnAsync(agent, conversationId, cancellationToken), cancellationToken);

    /// <summary>Chooses the chat's wrap-up code, during the chat or after it closed (its agent's wrap-up, within the window).</summary>
    public async Task<WrapUpView> SetWrapUpCodeAsync(string agent, Guid conversationId, string? code, CancellationToken cancellationToken) =>
        await wrapUps.SetCodeAsync(await MayWrapUpAsync(agent, conversationId, cancellationToken), agent, code, cancellationToken);

    public async Task<WrapUpView> AddTagAsync(string agent, Guid conversationId, string? tag, CancellationToken cancellationToken) =>
        await wrapUps.AddTagAsync(await MayWrapUpAsync(agent, conversationId, cancellationToken), agent, tag, cancellationToken);

    public async Task<WrapUpView> RemoveTagAsync(string agent, Guid conversationId, string? tag, CancellationToken cancellationToken) =>
        await wrapUps.RemoveTagAsync(await MayWrapUpAsync(agent, conversationId, cancellationToken), agent, tag, cancellationToken);

    /// <summary>Holds the note while routing decides; a refused transfer drops it and the agent keeps their text (the error says why).</summary>
    private async Task WithTransferNoteAsync(string agent, Guid conversationId, string target, string? note, Func<Task> transfer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            await transfer();
            return;
        }

        var text = ConversationNotes.Text(note);
        await OwnAsync(agent, conversationId, cancellationToken);
        transferNotes.Hold(conversationId, agent, directory.DisplayName(agent), text, target);
        try
        {
            await transfer();
        }
        catch
        {
            transferNotes.Drop(conversationId);
            throw;
        }
    }

    /// <summary>
    /// The chat, if <paramref name="agent"/> may change its wrap-up code and tags now: an admin or a supervisor of its queue
    /// at any time (roles as they are now), anyone else who may work on it until the wrap-up window after its end closes.
    /// </summary>
    private async Task<ConversationRecord> MayWrapUpAsync(string agent, Guid conversationId, CancellationToken cancellationToken)
    {
        var conversation = await MayWorkOnAsync(agent, conversationId, cancellationToken);
        wrapUps.CheckMayChange(conversation, anyTime: scope.MaySupervise(agent, conversation.Queue));
        return conversation;
    }

    /// <summary>
    /// The chat, if <paramref name="agent"/> may work on it: its agent (the one who holds it, or held it when it ended — their
    /// wrap-up), or a supervisor of its queue now.
    /// </summary>
    private Task<ConversationRecord> MayWorkOnAsync(string agent, Guid conversationId, CancellationToken cancellationToken) =>
        ReadableAsync(agent, conversationId, cancellationToken);
}
