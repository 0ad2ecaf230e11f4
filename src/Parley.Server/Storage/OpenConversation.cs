using Parley.Server.Contracts;

namespace Parley.Server.Storage;

/// <summary>What routing needs of a conversation not ended to hold it again after a start (<see cref="ConversationQueries.OpenAsync"/>).</summary>
public sealed record OpenConversation(
    Guid Id,
    string Queue,
    ConversationState State,
    string? AgentUsername,
    DateTimeOffset StartedAt,
    DateTimeOffset? AssignedAt,
    Dictionary<string, string> Answers);
