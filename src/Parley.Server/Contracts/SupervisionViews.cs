namespace Parley.Server.Contracts;

// What a supervisor is shown of the chats in progress in the queues they supervise (issue 21, supervision).

/// <summary>
/// A chat in progress: its queue and agent, and the times a supervisor's page turns into clocks — the wait (from
/// <paramref name="QueuedAt"/> to <paramref name="AssignedAt"/>), the duration (from <paramref name="StartedAt"/>) and the
/// time since the customer's last message (<paramref name="LastCustomerMessageAt"/>; null: none since the core began to
/// follow the chat).
/// </summary>
public sealed record LiveChatView(
    Guid ConversationId,
    string Queue,
    string QueueDisplayName,
    string CustomerName,
    string Agent,
    string AgentDisplayName,
    DateTimeOffset StartedAt,
    DateTimeOffset QueuedAt,
    DateTimeOffset AssignedAt,
    DateTimeOffset? LastCustomerMessageAt);

/// <summary>A message of a chat the supervisor monitors (the customer and the agent are not told of the monitor).</summary>
public sealed record MonitoredMessageView(Guid ConversationId, MessageView Message) : AgentEvent;

/// <summary>What a supervisor sees when monitoring begins: the chat, its transcript so far and its internal notes (whispers included).</summary>
public sealed record MonitoredChatView(LiveChatView Chat, IReadOnlyList<MessageView> Messages, IReadOnlyList<NoteView> Notes, bool Joined);
