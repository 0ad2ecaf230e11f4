namespace Parley.Server.Storage;

/// <summary>
/// One assignment of a conversation to an agent (table <c>conversation_assignments</c>), appended in the same write as
/// the change of the conversation's row: the history of who held a chat, so "was assigned to" holds after a transfer,
/// a takeover or a reassignment. <see cref="FromAgent"/> is the agent it came from (null: from the queue),
/// <see cref="Agent"/> the agent it went to.
/// </summary>
public sealed class ConversationAssignmentRecord
{
    public long Id { get; set; }
    public Guid ConversationId { get; set; }
    public required string Agent { get; set; }
    public string? FromAgent { get; set; }

    /// <summary>How it came: offer, picked, forced, transfer, restored (routing's <c>AssignmentKind</c>, lower case).</summary>
    public required string Kind { get; set; }

    public DateTimeOffset AssignedAt { get; set; }
}
