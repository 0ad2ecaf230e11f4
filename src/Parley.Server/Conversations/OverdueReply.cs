namespace Parley.Server.Conversations;

/// <summary>A chat whose customer has waited longer than its workflow allows for the agent's reply (the supervisors' board shows it).</summary>
public sealed record OverdueReply(Guid ConversationId, string Agent, string Queue, string CustomerName, DateTimeOffset WaitingSince);
