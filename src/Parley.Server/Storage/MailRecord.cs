namespace Parley.Server.Storage;

/// <summary>
/// One e-mail in the durable outbox (<c>Email/MailOutbox</c>): written in the same transaction as what caused it and
/// sent by the outbox worker, so a mail server's outage delays a mail but never loses it.
/// </summary>
public sealed class MailRecord
{
    /// <summary>Given by the database in the order rows are written: the order of creation, which SQL can sort on every
    /// provider (SQLite cannot sort by a <see cref="DateTimeOffset"/>).</summary>
    public long Id { get; set; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    public required string To { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public required string HtmlBody { get; set; }

    /// <summary>Where replies go; the configured <c>Parley:Email:Smtp:ReplyTo</c> when null.</summary>
    public string? ReplyTo { get; set; }

    /// <summary>The conversation the mail is about, so its mail can be found.</summary>
    public Guid? ConversationId { get; set; }

    public MailStatus Status { get; set; }

    /// <summary>Attempts made so far (a sent mail counts the one that went through).</summary>
    public int Attempts { get; set; }

    /// <summary>What the mail server (or the connection) said at the last failed attempt.</summary>
    public string? LastError { get; set; }

    /// <summary>When the worker tries (again); null once sent or failed.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}
