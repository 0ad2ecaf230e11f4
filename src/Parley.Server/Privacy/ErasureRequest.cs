namespace Parley.Server.Privacy;

/// <summary>
/// Whose data to erase: the customer known by this e-mail address, this visitor id (the widget's signed visitor
/// token's id), or the customer of this conversation (by its visitor id and e-mail). At least one.
/// </summary>
public sealed record ErasureRequest(string? Email, string? VisitorId, Guid? ConversationId);

/// <summary>What an erasure removed, and the subject it is audited under (<c>customer:</c> and a hash of who, never the address).</summary>
public sealed record ErasureResult(string Subject, int Conversations, int Messages, int Files, int Mails);

/// <summary>
/// What an erasure would remove: the customer's conversations, newest first (how many are still open — an erasure
/// waits for them), and the subject it would be audited under.
/// </summary>
public sealed record ErasureMatch(string Subject, IReadOnlyList<ErasureCandidate> Conversations)
{
    public int Open => Conversations.Count(c => c.State != Contracts.ConversationState.Ended);
}

/// <summary>One conversation an erasure would remove, as the admin checks it before erasing.</summary>
public sealed record ErasureCandidate(
    Guid ConversationId, string Queue, string CustomerName, string? CustomerEmail, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, Contracts.ConversationState State);
