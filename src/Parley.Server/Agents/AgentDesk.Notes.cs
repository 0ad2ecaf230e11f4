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

    /// <summary>A transfer to an agent with a note for them (a blank note: a plain transfer). The note is stored first, so the offer carries it.</summary>
    public async Task TransferToAgentAsync(string agent, Guid conversationId, string toAgent, string? note, CancellationToken cancellationToken)
    {
        await TransferNoteAsync(agent, conversationId, toAgent, note, cancellationToken);
        await TransferToAgentAsync(agent, conversationId, toAgent, cancellationToken);
    }

    /// <summary>A transfer to a queue with a note for whoever takes the chat next.</summary>
    public async Task TransferToQueueAsync(string agent, Guid conversationId, string queue, string? note, CancellationToken cancellationToken)
    {
        await TransferNoteAsync(agent, conversationId, queue, note, cancellationToken);
        await TransferToQueueAsync(agent, conversationId, queue, cancellationToken);
    }

    public async Task<WrapUpView> GetWrapUpAsync(string agent, Guid conversationId, CancellationToken cancellationToken) =>
        await wrapUps.GetAsync(await MayWorkOnAsync(agent, conversationId, cancellationToken), cancellationToken);

    /// <summary>Chooses the chat's wrap-up code, during the chat or after it closed (its agent's wrap-up).</summary>
    public async Task<WrapUpView> SetWrapUpCodeAsync(string agent, Guid conversationId, string? code, CancellationToken cancellationToken) =>
        await wrapUps.SetCodeAsync(await MayWorkOnAsync(agent, conversationId, cancellationToken), agent, code, cancellationToken);

    public async Task<WrapUpView> AddTagAsync(string agent, Guid conversationId, string? tag, CancellationToken cancellationToken) =>
        await wrapUps.AddTagAsync(await MayWorkOnAsync(agent, conversationId, cancellationToken), agent, tag, cancellationToken);

    public async Task<WrapUpView> RemoveTagAsync(string agent, Guid conversationId, string? tag, CancellationToken cancellationToken) =>
        await wrapUps.RemoveTagAsync(await MayWorkOnAsync(agent, conversationId, cancellationToken), agent, tag, cancellationToken);

    private async Task TransferNoteAsync(string agent, Guid conversationId, string target, string? note, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return;
        }

        var text = ConversationNotes.Text(note);
        var conversation = await OwnAsync(agent, conversationId, cancellationToken);
        await notes.AddAsync(conversation, agent, directory.DisplayName(agent), text, target, cancellationToken);
    }

    /// <summary>
    /// The chat, if <paramref name="agent"/> may work on it: its agent (the one who holds it, or held it when it ended — their
    /// wrap-up), or a supervisor now.
    /// </summary>
    private async Task<ConversationRecord> MayWorkOnAsync(string agent, Guid conversationId, CancellationToken cancellationToken)
    {
        var conversation = await log.FindAsync(conversationId, cancellationToken);
        return conversation is not null && (conversation.AgentUsername == agent || directory.HasRole(agent, AgentRoles.Supervisors))
            ? conversation
            : throw new CoreException(CoreError.NotFound, "This conversation is not assigned to you.");
    }
}
