namespace Parley.Server.CannedResponses;

/// <summary>The conversation's values a canned response may use; null where the desk does not know one.</summary>
public sealed record CannedResponseValues(string? CustomerName, string? AgentName, string? QueueName);
