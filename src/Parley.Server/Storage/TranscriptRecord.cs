namespace Parley.Server.Storage;

/// <summary>
/// A transcript mailed for a conversation (table <c>transcripts</c>), stored in the same transaction as its mail in the
/// outbox. The key (conversation, number) makes the database keep the limit: number 0 is the automatic transcript at the
/// end (at most one), 1 to <see cref="MaxRequested"/> the ones the customer asked for.
/// </summary>
public sealed class TranscriptRecord
{
    /// <summary>How many transcripts a customer may ask for, per conversation.</summary>
    public const int MaxRequested = 3;

    /// <summary>The <see cref="Number"/> of the automatic transcript.</summary>
    public const int Automatic = 0;

    public Guid ConversationId { get; set; }
    public int Number { get; set; }

    /// <summary>The mail in the outbox (its status is there).</summary>
    public long MailId { get; set; }

    public MailRecord? Mail { get; set; }

    public DateTimeOffset RequestedAt { get; set; }
}
