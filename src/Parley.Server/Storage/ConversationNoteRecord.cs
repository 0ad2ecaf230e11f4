namespace Parley.Server.Storage;

/// <summary>
/// An internal note on a conversation (table <c>conversation_notes</c>): agents and supervisors read it, the customer
/// and the edges never do. Notes have their own <see cref="Seq"/> per conversation, so the customer's message seqs stay
/// 1, 2, 3… without gaps.
/// </summary>
public sealed class ConversationNoteRecord
{
    public Guid ConversationId { get; set; }

    /// <summary>1, 2, 3… per conversation, apart from the messages' seq.</summary>
    public long Seq { get; set; }

    public required string Author { get; set; }
    public required string AuthorName { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The note came with a transfer to this agent (username) or queue (name); null: a plain note.</summary>
    public string? TransferTo { get; set; }

    /// <summary>A supervisor's whisper to the chat's agent: a note shown to the agent as a whisper.</summary>
    public bool Whisper { get; set; }
}
