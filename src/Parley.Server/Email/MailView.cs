using Parley.Server.Storage;

namespace Parley.Server.Email;

/// <summary>What admins see of an outbox mail: its address, subject and status, never its body.</summary>
public sealed record MailView(
    long Id,
    DateTimeOffset CreatedAt,
    string To,
    string? ToName,
    string Subject,
    Guid? ConversationId,
    MailStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? SentAt)
{
    internal static MailView From(MailRecord mail) =>
        new(mail.Id, mail.CreatedAt, mail.To, mail.ToName, mail.Subject, mail.ConversationId, mail.Status, mail.Attempts, mail.LastError, mail.NextAttemptAt, mail.SentAt);
}

/// <summary>One page of the outbox, newest first.</summary>
/// <param name="Total">How many mails match the filter on all pages.</param>
/// <param name="Configured">Whether SMTP is configured: without it every mail stays pending.</param>
public sealed record MailPage(IReadOnlyList<MailView> Items, int Page, int PageSize, int Total, bool Configured);
