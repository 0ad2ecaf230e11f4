using System.Text;
using System.Text.Encodings.Web;
using NodaTime;
using NodaTime.Text;
using Parley.Server.Contracts;
using Parley.Server.Email;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>
/// A chat's transcript as an e-mail: every message the customer saw (system, customer and agent lines) with its
/// sender's name and time, in the customer's time zone (UTC when none is known, and it says so). Plain text and HTML;
/// in the HTML every name and text is encoded, so nothing typed in the chat becomes markup. A file sent in the chat is
/// its name with a download link minted for the mail (<see cref="Files.AttachmentLinks.ForMail"/>).
/// </summary>
public static class TranscriptMail
{
    private static readonly LocalDateTimePattern TimePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm");
    private const string Muted = "color:#59636e;font-size:13px";

    /// <param name="requestedAt">When it was asked for (the footer says so, in the same zone).</param>
    public static OutgoingMail Compose(
        string to, ConversationRecord conversation, string queueDisplayName, IReadOnlyList<MessageView> messages, DateTimeOffset requestedAt)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(messages);
        var zone = CustomerTimeZone.Of(conversation.TimeZone);
        var zoneNote = zone is null ? "Times are in UTC (no time zone was given)." : $"Times are in {zone.Id}.";
        var title = $"Transcript of your chat with {queueDisplayName}";
        var footer = $"This transcript was asked for on {Format(requestedAt, zone)}. If you did not ask for it, you can ignore this e-mail.";

        var text = new StringBuilder().Append(title).Append("\n\n").Append(zoneNote).Append('\n');
        var html = new StringBuilder()
            .Append("<h1 style=\"font-size:18px;margin:0 0 4px\">").Append(Encode(title)).Append("</h1>\n")
            .Append("<p style=\"margin:0 0 16px;").Append(Muted).Append("\">").Append(Encode(zoneNote)).Append("</p>\n");
        foreach (var message in messages)
        {
            var name = SenderName(message, conversation, queueDisplayName);
            var time = Format(message.SentAt, zone);
            var lines = message.Text.ReplaceLineEndings("\n").Split('\n');
            text.Append('\n').Append('[').Append(time).Append("] ").Append(name).Append(":\n");
            foreach (var line in message.Attachment is null ? lines : Array.Empty<string>())
            {
                text.Append("    ").Append(line).Append('\n');
            }

            html.Append("<div style=\"margin:0 0 12px\">")
                .Append("<div style=\"").Append(Muted).Append("\"><strong style=\"color:#1f2328\">").Append(Encode(name)).Append("</strong> · ")
                .Append(Encode(time)).Append("</div>");
            if (message.Attachment is { } file)
            {
                AppendFile(text, html, file);
            }
            else
            {
                html.Append("<div>").AppendJoin("<br>\n", lines.Select(Encode)).Append("</div>");
            }

            html.Append("</div>\n");
        }

        return new OutgoingMail(to, null, title, MailBody.TextLayout(text.ToString(), footer), MailBody.HtmlLayout(html.ToString(), footer), ConversationId: conversation.Id);
    }

    /// <summary>
    /// A file sent in the chat: its name and size, and its download link (minted for the mail, with its own lifetime)
    /// when the link is an absolute web address — a path alone would lead nowhere from a mailbox.
    /// </summary>
    private static void AppendFile(StringBuilder text, StringBuilder html, AttachmentView file)
    {
        var size = Files.FileSizeText.Of(file.Size);
        var link = Uri.TryCreate(file.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url.AbsoluteUri : null;
        text.Append("    File: ").Append(file.Name).Append(" (").Append(size).Append(")\n");
        html.Append("<div>File: ");
        if (link is not null)
        {
            text.Append("    ").Append(link).Append('\n');
            html.Append("<a href=\"").Append(Encode(link)).Append("\">").Append(Encode(file.Name)).Append("</a>");
        }
        else
        {
            html.Append(Encode(file.Name));
        }

        html.Append(" <span style=\"").Append(Muted).Append("\">(").Append(Encode(size)).Append(")</span></div>");
    }

    /// <summary>An instant as the customer reads it: local date and time in their zone, or UTC.</summary>
    public static string Format(DateTimeOffset at, DateTimeZone? zone) =>
        TimePattern.Format(Instant.FromDateTimeOffset(at).InZone(zone ?? DateTimeZone.Utc).LocalDateTime)
        + (zone is null ? " UTC" : "");

    private static string SenderName(MessageView message, ConversationRecord conversation, string queueDisplayName) => message.Sender switch
    {
        MessageSender.Customer => string.IsNullOrWhiteSpace(message.SenderName) ? conversation.CustomerName : message.SenderName,
        MessageSender.Agent => string.IsNullOrWhiteSpace(message.SenderName) ? "Agent" : message.SenderName,
        _ => queueDisplayName,
    };

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
