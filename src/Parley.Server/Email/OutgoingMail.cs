namespace Parley.Server.Email;

/// <summary>
/// A mail to write to the outbox (<see cref="MailOutbox.Enqueue"/>). Both parts are given: build them with
/// <see cref="MailBody"/>, which encodes every customer's and agent's text for the HTML part.
/// </summary>
/// <param name="ReplyTo">Where replies go; the configured <c>Parley:Email:Smtp:ReplyTo</c> when null.</param>
/// <param name="ConversationId">The conversation the mail is about, so its mail can be found.</param>
public sealed record OutgoingMail(
    string To,
    string? ToName,
    string Subject,
    string TextBody,
    string HtmlBody,
    string? ReplyTo = null,
    Guid? ConversationId = null)
{
    /// <summary>A mail whose body is plain text: the HTML part is the same text, encoded, in <see cref="MailBody"/>'s layout.</summary>
    public static OutgoingMail FromText(string to, string? toName, string subject, string text, string? footer = null, string? replyTo = null, Guid? conversationId = null) =>
        new(to, toName, subject, MailBody.TextLayout(text, footer), MailBody.HtmlLayout(MailBody.Html(text), footer), replyTo, conversationId);
}
