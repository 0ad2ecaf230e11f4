namespace Parley.Baseline.SignalR;

// The shapes Parley's hubs use (src/Parley.Server: Conversations/ConversationViews.cs, Agents/AgentEvents.cs),
// serialized the same way (camelCase; enums as camelCase strings, written here as strings).

/// <summary>Parley's <c>MessageView</c>: <c>sender</c> is <c>"customer"</c> or <c>"agent"</c>.</summary>
public sealed record RelayMessage(long Seq, string Sender, string? SenderName, string Text, DateTimeOffset SentAt, string? ClientMessageId);

/// <summary>Parley's <c>AgentMessageView</c>.</summary>
public sealed record RelayAgentMessage(Guid ConversationId, RelayMessage Message);

/// <summary>Parley's <c>MessageAccepted</c>, the answer to <c>Send</c> on either hub.</summary>
public sealed record RelayAccepted(long Seq, DateTimeOffset SentAt);

/// <summary>Parley's <c>AssignedConversationView</c>, with fixed placeholder values (there is no queue or pre-chat form).</summary>
public sealed record RelayAssigned(
    Guid ConversationId,
    string Queue,
    string QueueDisplayName,
    string CustomerName,
    string? CustomerEmail,
    IReadOnlyDictionary<string, string> Answers,
    DateTimeOffset StartedAt,
    string State);

/// <summary>Parley's <c>ConversationStatus</c>: <c>state</c> is <c>"queued"</c> or <c>"assigned"</c>.</summary>
public sealed record RelayStatus(string State, string? AgentName = null, int? Position = null, int? EstimatedWaitSeconds = null);

/// <summary>Parley's <c>ResumeView</c>; the relay keeps no messages, so <c>messages</c> is always empty.</summary>
public sealed record RelayResume(RelayStatus Status, IReadOnlyList<RelayMessage> Messages, DateTimeOffset ServerTime);

/// <summary>Server → customer on <c>/hubs/customer</c> (the subset of Parley's <c>ICustomerClient</c> the relay uses).</summary>
public interface IRelayCustomerClient
{
    Task Message(RelayMessage message);

    Task Status(RelayStatus status);
}

/// <summary>Server → agent on <c>/hubs/agent</c> (the subset of Parley's <c>IAgentClient</c> the relay uses).</summary>
public interface IRelayAgentClient
{
    Task Assigned(RelayAssigned conversation);

    Task Message(RelayAgentMessage message);
}
