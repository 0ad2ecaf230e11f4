namespace Parley.Routing;

/// <summary>A conversation that asks to be routed.</summary>
/// <param name="EnteredAt">When the customer started waiting; orders chats of equal priority (first in, first out).</param>
public sealed record ConversationRequest(Guid ConversationId, string Queue, DateTimeOffset EnteredAt)
{
    /// <summary>The pre-chat answers, question id → answer; the queue's answer rules read them.</summary>
    public IReadOnlyDictionary<string, string> Answers { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The agent who served this customer last (affinity), if any.</summary>
    public string? PreviousAgent { get; init; }
}
