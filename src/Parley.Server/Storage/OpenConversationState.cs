namespace Parley.Server.Storage;

/// <summary>
/// An open conversation as the core holds it in memory (<see cref="ConversationQueries.OpenStatesAsync"/> rebuilds
/// them at start-up): its row, its last seq (derived from its messages) and the clientMessageIds already used in it.
/// </summary>
public sealed record OpenConversationState(ConversationRecord Conversation, long LastSeq, IReadOnlyList<string> ClientMessageIds);
