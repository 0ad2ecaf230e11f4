using MimeKit;
using Parley.Server.Storage;

namespace Parley.Server.Email;

/// <summary>
/// The durable outbox. A producer adds a mail to its own context and commits it with its own <c>SaveChanges</c>,
/// in the same transaction as what caused the mail: either both are stored or neither. Then it calls
/// <see cref="MailOutboxSignal.Wake"/> so the worker sends it at once.
/// <code>
/// var mail = MailOutbox.Enqueue(db, OutgoingMail.FromText(email, name, "We got your message", text), now);
/// await db.SaveChangesAsync(ct);
/// signal.Wake();
/// </code>
/// </summary>
public static class MailOutbox
{
    /// <summary>Adds the mail as a <c>pending</c> row to <paramref name="db"/> without saving; its id is set by the caller's save.</summary>
    /// <exception cref="ArgumentException">The recipient or a Reply-To is not one e-mail address (producers check customer input first).</exception>
    public static MailRecord Enqueue(ParleyDbContext db, OutgoingMail mail, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(mail);
        var record = new MailRecord
        {
            CreatedAt = now,
            To = Address(mail.To, nameof(mail.To)),
            ToName = string.IsNullOrWhiteSpace(mail.ToName) ? null : MailHeaderText.Clean(mail.ToName, 100),
            Subject = MailHeaderText.Clean(mail.Subject, 200),
            TextBody = mail.TextBody,
            HtmlBody = mail.HtmlBody,
            ReplyTo = string.IsNullOrWhiteSpace(mail.ReplyTo) ? null : Address(mail.ReplyTo, nameof(mail.ReplyTo)),
            ConversationId = mail.ConversationId,
            Status = MailStatus.Pending,
            NextAttemptAt = now,
        };
        db.Mail.Add(record);
        return record;
    }

    /// <summary>
    /// Whether the text is one bare address (<c>ann@example.com</c>, at most 254 characters): no display name, group or
    /// line break that could add a recipient or a header. What <see cref="Enqueue"/> accepts, for producers to check first.
    /// </summary>
    public static bool IsAddress(string? value) => value is not null && Parse(value.Trim()) is not null;

    private static string Address(string value, string name)
    {
        var trimmed = value.Trim();
        return Parse(trimmed)?.Address ?? throw new ArgumentException($"'{trimmed}' is not one e-mail address.", name);
    }

    private static MailboxAddress? Parse(string trimmed) =>
        trimmed.Length <= 254 && !trimmed.Any(char.IsControl)
        && MailboxAddress.TryParse(ParserOptions.Default, trimmed, out var address)
        && string.Equals(address.Address, trimmed, StringComparison.OrdinalIgnoreCase)
        && HasLocalPartAndDomain(address.Address)
            ? address
            : null;

    private static bool HasLocalPartAndDomain(string address)
    {
        var at = address.LastIndexOf('@');
        return at > 0 && at < address.Length - 1;
    }
}
