namespace Parley.Server.Storage;

/// <summary>
/// A stored canned response (table <c>canned_responses</c>): an agent's own, a queue's or everyone's. <see cref="Owner"/>
/// says whose it is within its <see cref="Scope"/> — the agent's username, the queue's name, or empty for a global one —
/// so the database keeps a shortcut unique per scope and owner without relying on how NULLs compare.
/// </summary>
public sealed class CannedResponseRecord
{
    public const string Personal = "personal";
    public const string Queue = "queue";
    public const string Global = "global";

    public Guid Id { get; set; }

    /// <summary><see cref="Personal"/>, <see cref="Queue"/> or <see cref="Global"/>.</summary>
    public required string Scope { get; set; }

    public required string Owner { get; set; }
    public required string Shortcut { get; set; }
    public required string Title { get; set; }

    /// <summary>Plain text as typed, variables included; encoded wherever it is shown.</summary>
    public required string Text { get; set; }

    /// <summary>A file of the file engine sent with the response (issue 20's attachments); null when none.</summary>
    public Guid? AttachmentId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
