using Parley.Routing;

namespace Parley.Server.Contracts;

// What an agent is told. The same records go to hub clients (IAgentClient) and to the Blazor desktop.

public abstract record AgentEvent;

// StartQueue (offers, assigned and waiting chats): the queue the chat started in, whose pre-chat questions its
// Answers answer; it differs from Queue after a transfer or overflow moved the chat.

public sealed record OfferView(
    Guid OfferId,
    Guid ConversationId,
    string Queue,
    string QueueDisplayName,
    string CustomerName,
    IReadOnlyDictionary<string, string> Answers,
    DateTimeOffset OfferedAt,
    DateTimeOffset ExpiresAt,
    string? FromAgent = null,
    string? FromAgentName = null,
    string? StartQueue = null,
    ConversationKind Kind = ConversationKind.Chat) : AgentEvent
{
    /// <summary>The note the chat was transferred with, if any (the latest).</summary>
    public NoteView? TransferNote { get; init; }
}

public sealed record OfferWithdrawnView(Guid OfferId, Guid ConversationId, string Reason) : AgentEvent;

public sealed record AssignedConversationView(
    Guid ConversationId,
    string Queue,
    string QueueDisplayName,
    string CustomerName,
    string? CustomerEmail,
    IReadOnlyDictionary<string, string> Answers,
    DateTimeOffset StartedAt,
    ConversationState State,
    string? StartQueue = null,
    bool CustomerReachable = true,
    ConversationKind Kind = ConversationKind.Chat) : AgentEvent;

/// <summary>
/// The customer's edge went offline (<c>false</c>) or is back (<c>true</c>): messages sent meanwhile are stored and
/// reach the customer when they are back, but nobody reads them now.
/// </summary>
public sealed record CustomerReachabilityView(Guid ConversationId, bool CustomerReachable) : AgentEvent;

/// <summary>
/// The customer has waited the queue's <c>agentInactivity.alertAfterSeconds</c> for this agent's reply, since
/// <paramref name="WaitingSince"/>; null: no longer (the agent replied, or the chat left them).
/// </summary>
public sealed record ReplyOverdueView(Guid ConversationId, DateTimeOffset? WaitingSince) : AgentEvent;

public sealed record AgentMessageView(Guid ConversationId, MessageView Message) : AgentEvent;

public sealed record CustomerTypingView(Guid ConversationId, string Sender, string Name) : AgentEvent;

public sealed record ConversationEndedView(Guid ConversationId, string EndedBy) : AgentEvent;

/// <summary>The agent's routing state: presence with reason, the automatic state (busy, wrap-up, external) and load.</summary>
public sealed record AgentStateView(
    AgentPresence Presence,
    string? Reason,
    AgentStatus Status,
    int ActiveConversations,
    int PendingOffers,
    int Capacity,
    DateTimeOffset? WrapUpUntil,
    IReadOnlyList<string> ExternalBusy) : AgentEvent
{
    public static AgentStateView From(AgentSnapshot a) =>
        new(a.Presence, a.Reason, a.Status, a.ActiveConversations, a.PendingOffers, a.Capacity, a.WrapUpUntil, a.ExternalBusy);

    public static readonly AgentStateView Offline = new(AgentPresence.Offline, null, AgentStatus.Offline, 0, 0, 0, null, []);
}

/// <summary>A transfer to another agent was not accepted: the chat stays with this agent.</summary>
/// <param name="NoteText">The note given with the failed transfer, not stored: handed back to the agent who wrote it.</param>
public sealed record TransferFailedView(Guid ConversationId, string ToAgent, string ToAgentName, string Reason, string? NoteText = null) : AgentEvent;

/// <summary>The chat left this agent: transferred to another agent (<paramref name="ToAgentName"/>) or queue (<paramref name="ToQueue"/>).</summary>
public sealed record ConversationTransferredView(Guid ConversationId, string? ToAgentName, string? ToQueue) : AgentEvent;

public sealed record TransferTargetsView(IReadOnlyList<TransferAgentView> Agents, IReadOnlyList<TransferQueueView> Queues);

public sealed record TransferAgentView(string Username, string DisplayName, AgentStatus Status, bool CanTakeChat);

public sealed record TransferQueueView(string Name, string DisplayName);

/// <summary>A waiting chat in the manual-pick list.</summary>
public sealed record WaitingChatView(
    Guid ConversationId, string Queue, string QueueDisplayName, string CustomerName, IReadOnlyDictionary<string, string> Answers,
    DateTimeOffset EnteredAt, int Position, bool BeingOffered, string? StartQueue = null);

/// <summary>
/// The customer of a chat this agent holds brought the page to front, hid it or left it, at <paramref name="Since"/>;
/// <paramref name="Visibility"/> null: no longer known (the edge that reported it went offline; the widget reports again
/// when it can).
/// </summary>
public sealed record CustomerPageView(Guid ConversationId, PageVisibility? Visibility, DateTimeOffset Since) : AgentEvent;
/// <summary>
/// An internal note: agents and supervisors see it, the customer never does. <paramref name="Seq"/> is the notes' own
/// sequence in the conversation (apart from the messages'). <paramref name="TransferTo"/>: the agent or queue a transfer
/// it came with went to. <paramref name="Whisper"/>: a supervisor's whisper to the chat's agent (a note, so never the customer's).
/// </summary>
public sealed record NoteView(long Seq, string Author, string AuthorName, string Text, DateTimeOffset At, string? TransferTo = null, bool Whisper = false);

/// <summary>A note was added to a chat this agent holds (or had offered to them with a transfer).</summary>
public sealed record AgentNoteView(Guid ConversationId, NoteView Note) : AgentEvent;

/// <summary>A chat's wrap-up: the queue's codes, whether one is required to close, the chosen code and the tags.</summary>
public sealed record WrapUpView(Guid ConversationId, IReadOnlyList<WrapUpCodeView> Codes, bool CodeRequired, string? Code, IReadOnlyList<string> Tags);

public sealed record WrapUpCodeView(string Code, string Label);
