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
