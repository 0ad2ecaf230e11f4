using Parley.Server.Contracts;

namespace Parley.Server.Storage;

/// <summary>What routing needs of a conversation not ended to hold it again after a start.</summary>
public sealed record OpenConversation(
    Guid Id,
    string Queue,
    ConversationState State,
    string? AgentUsername,
    DateTimeOffset StartedAt,
    DateTimeOffset? AssignedAt,
    Dictionary<string, string> Answers,
    ConversationKind Kind = ConversationKind.Chat)
{
    public static OpenConversation Of(ConversationRecord c) => new(c.Id, c.Queue, c.State, c.AgentUsername, c.StartedAt, c.AssignedAt, c.Answers, c.Kind);
}
