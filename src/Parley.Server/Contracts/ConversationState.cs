namespace Parley.Server.Contracts;

/// <summary>Where a conversation is in its life, as the API says it (queued, assigned, ended).</summary>
public enum ConversationState
{
    Queued,
    Assigned,
    Ended,
}
