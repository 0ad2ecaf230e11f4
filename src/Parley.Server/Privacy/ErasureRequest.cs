namespace Parley.Server.Privacy;

/// <summary>
/// Whose data to erase: the customer known by this e-mail address, this visitor id (the widget's signed visitor
/// token's id), or the customer of this conversation (by its visitor id and e-mail). At least one.
/// </summary>
public sealed record ErasureRequest(string? Email, string? VisitorId, Guid? ConversationId);

/// <summary>What an erasure removed, and the subject it is audited under (<c>customer:</c> and a hash of who, never the address).</summary>
public sealed record ErasureResult(string Subject, int Conversations, int Messages, int Files, int Mails);
