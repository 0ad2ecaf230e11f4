namespace Parley.Server.Contracts;

/// <summary>A chat an agent holds now, as a supervisor sees it on the live board (to move it elsewhere).</summary>
public sealed record AssignedChatView(
    Guid ConversationId,
    string Queue,
    string QueueDisplayName,
    string CustomerName,
    string AgentUsername,
    string AgentDisplayName,
    DateTimeOffset StartedAt,
    DateTimeOffset? AssignedAt);
