using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Parley.Routing;
using Parley.Server.Contracts;

namespace Parley.Server.Agents;

/// <summary>The agent's real-time connection (core). Every method goes through <see cref="AgentDesk"/>.</summary>
[Authorize(Policy = AgentRoles.AgentPolicy)]
public sealed class AgentHub(AgentDesk desk, AgentConnections connections) : Hub<IAgentClient>
{
    private string Agent => Context.UserIdentifier!;

    /// <summary>
    /// Every connection of one agent. Pushes go to this group, not to <c>Clients.User</c>: SignalR finds a user's
    /// connections by looking through every connection of the hub, a group by one lookup.
    /// </summary>
    public static string Group(string username) => "agent:" + username;

    public override async Task OnConnectedAsync()
    {
        // In the group first: opening may restore the agent's presence at once, and they must hear of it.
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(Agent));
        Context.Items[typeof(AgentConnections)] = connections.Open(Agent);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        (Context.Items[typeof(AgentConnections)] as IDisposable)?.Dispose();
        return base.OnDisconnectedAsync(exception);
    }

    public Task SetPresence(AgentPresence state) => desk.SetPresenceAsync(Agent, state, null, Context.ConnectionAborted);

    /// <summary>Away or Do not disturb with a reason code (SignalR has no optional parameters, hence a second method).</summary>
    public Task SetPresenceWithReason(AgentPresence state, string? reason) => desk.SetPresenceAsync(Agent, state, reason, Context.ConnectionAborted);

    public AgentStateView GetState() => desk.StateOf(Agent);

    public Task EndWrapUp() => desk.EndWrapUpAsync(Agent, Context.ConnectionAborted);

    public Task TransferToAgent(Guid conversationId, string toAgent) => desk.TransferToAgentAsync(Agent, conversationId, toAgent, Context.ConnectionAborted);

    public Task TransferToQueue(Guid conversationId, string queue) => desk.TransferToQueueAsync(Agent, conversationId, queue, Context.ConnectionAborted);

    public TransferTargetsView GetTransferTargets() => desk.GetTransferTargets(Agent);

    public Task<IReadOnlyList<WaitingChatView>> GetPickList() => desk.GetPickListAsync(Agent, Context.ConnectionAborted);

    public Task<AssignedConversationView> Pick(Guid conversationId) => desk.PickAsync(Agent, conversationId, Context.ConnectionAborted);

    public Task<IReadOnlyList<WaitingChatView>> GetHeldMessages() => desk.GetHeldMessagesAsync(Agent, Context.ConnectionAborted);

    public Task<AssignedConversationView> TakeMessage(Guid conversationId) => desk.TakeMessageAsync(Agent, conversationId, Context.ConnectionAborted);

    public Task<AssignedConversationView> Accept(Guid offerId) => desk.AcceptAsync(Agent, offerId, Context.ConnectionAborted);

    public Task Decline(Guid offerId) => desk.DeclineAsync(Agent, offerId, Context.ConnectionAborted);

    public Task<MessageAccepted> Send(Guid conversationId, string clientMessageId, string text) =>
        desk.SendAsync(Agent, conversationId, clientMessageId, text, Context.ConnectionAborted);

    public Task Typing(Guid conversationId) => desk.TypingAsync(Agent, conversationId, Context.ConnectionAborted);

    public Task Close(Guid conversationId) => desk.CloseAsync(Agent, conversationId, Context.ConnectionAborted);

    public Task<IReadOnlyList<MessageView>> GetTranscript(Guid conversationId) =>
        desk.GetTranscriptAsync(Agent, conversationId, Context.ConnectionAborted);

    // Issue 20: internal notes (never sent to the customer), notes with a transfer, wrap-up codes and tags.
    public Task<NoteView> AddNote(Guid conversationId, string text) => desk.AddNoteAsync(Agent, conversationId, text, Context.ConnectionAborted);

    public Task<IReadOnlyList<NoteView>> GetNotes(Guid conversationId) => desk.GetNotesAsync(Agent, conversationId, Context.ConnectionAborted);

    public Task TransferToAgentWithNote(Guid conversationId, string toAgent, string? note) =>
        desk.TransferToAgentAsync(Agent, conversationId, toAgent, note, Context.ConnectionAborted);

    public Task TransferToQueueWithNote(Guid conversationId, string queue, string? note) =>
        desk.TransferToQueueAsync(Agent, conversationId, queue, note, Context.ConnectionAborted);

    public Task<WrapUpView> GetWrapUp(Guid conversationId) => desk.GetWrapUpAsync(Agent, conversationId, Context.ConnectionAborted);

    public Task<WrapUpView> SetWrapUpCode(Guid conversationId, string code) => desk.SetWrapUpCodeAsync(Agent, conversationId, code, Context.ConnectionAborted);

    public Task<WrapUpView> AddTag(Guid conversationId, string tag) => desk.AddTagAsync(Agent, conversationId, tag, Context.ConnectionAborted);

    public Task<WrapUpView> RemoveTag(Guid conversationId, string tag) => desk.RemoveTagAsync(Agent, conversationId, tag, Context.ConnectionAborted);

    // Issue 21: supervision, for a supervisor of the chat's queue (team scoping) or an admin, checked on every call.
    public IReadOnlyList<LiveChatView> GetLiveChats() => desk.GetLiveChats(Agent);

    public Task<MonitoredChatView> Monitor(Guid conversationId) => desk.MonitorAsync(Agent, conversationId, Context.ConnectionAborted);

    public Task StopMonitoring(Guid conversationId) => desk.StopMonitoringAsync(Agent, conversationId, Context.ConnectionAborted);

    public Task<NoteView> Whisper(Guid conversationId, string text) => desk.WhisperAsync(Agent, conversationId, text, Context.ConnectionAborted);

    public Task<MonitoredChatView> BargeIn(Guid conversationId) => desk.BargeInAsync(Agent, conversationId, Context.ConnectionAborted);

    public Task<MessageAccepted> SendAsSupervisor(Guid conversationId, string clientMessageId, string text) =>
        desk.SendAsSupervisorAsync(Agent, conversationId, clientMessageId, text, Context.ConnectionAborted);

    public Task<AssignedConversationView> TakeOver(Guid conversationId) => desk.TakeOverAsync(Agent, conversationId, Context.ConnectionAborted);

    /// <summary>Gives a chat another agent holds (or a waiting one) to <paramref name="toAgent"/>; the agent who had it loses it at once.</summary>
    public Task ReassignToAgent(Guid conversationId, string toAgent) => desk.ForceAssignAsync(Agent, conversationId, toAgent, Context.ConnectionAborted);

    /// <summary>Puts a chat an agent holds into a queue the supervisor also supervises, keeping its place in line.</summary>
    public Task ReassignToQueue(Guid conversationId, string queue) => desk.MoveToQueueAsync(Agent, conversationId, queue, Context.ConnectionAborted);

    /// <summary>Closes with a wrap-up code (a queue may require one: then <see cref="Close"/> alone is refused).</summary>
    public Task CloseWithWrapUp(Guid conversationId, string wrapUpCode) => desk.CloseAsync(Agent, conversationId, wrapUpCode, Context.ConnectionAborted);
}
