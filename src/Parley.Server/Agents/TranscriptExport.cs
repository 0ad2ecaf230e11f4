using System.Text;
using System.Text.Encodings.Web;
using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.Storage;

namespace Parley.Server.Agents;

/// <summary>
/// A transcript as a file an agent downloads from the history: plain text, or a complete HTML page in which every
/// stored word is encoded (a customer's "&lt;script&gt;" stays text). Times in UTC; internal notes are not part of it.
/// </summary>
public static class TranscriptExport
{
    public const string Text = "text";
    public const string Html = "html";

    public static string FileName(ConversationRecord conversation, string format) =>
        $"transcript-{conversation.StartedAt.UtcDateTime:yyyy-MM-dd}-{conversation.Id:N}.{(format == Html ? "html" : "txt")}";

    public static string Render(ConversationRecord conversation, string queueDisplayName, string? agentName, IReadOnlyList<MessageView> messages, string format)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(messages);
        var title = $"Transcript: {conversation.CustomerName} with {queueDisplayName}";
        string[] facts =
        [
            $"Conversation {conversation.Id}",
            $"Started {TranscriptMail.Format(conversation.StartedAt, null)}" + (conversation.EndedAt is { } ended ? $", ended {TranscriptMail.Format(ended, null)}" : ", not ended"),
            $"Customer: {conversation.CustomerName}" + (conversation.CustomerEmail is { } email ? $" <{email}>" : ""),
            $"Agent: {agentName ?? "none"}",
        ];
        return format == Html ? AsHtml(title, facts, conversation, queueDisplayName, messages) : AsText(title, facts, conversation, queueDisplayName, messages);
    }

    private static string AsText(string title, string[] facts, ConversationRecord conversation, string queue, IReadOnlyList<MessageView> messages)
    {
        var text = new StringBuilder().Append(title).Append('\n').AppendJoin('\n', facts).Append('\n');
        foreach (var message in messages)
        {
            text.Append('\n').Append('[').Append(TranscriptMail.Format(message.SentAt, null)).Append("] ").Append(Sender(message, conversation, queue)).Append(":\n");
            foreach (var line in Lines(message))
            {
                text.Append("    ").Append(line).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string AsHtml(string title, string[] facts, ConversationRecord conversation, string queue, IReadOnlyList<MessageView> messages)
    {
        static string E(string value) => HtmlEncoder.Default.Encode(value);
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(title)).Append("</title>\n<style>body{font:15px/1.45 system-ui,sans-serif;max-width:48rem;margin:2rem auto;color:#1f2328}")
            .Append(".meta{color:#59636e;font-size:13px}.m{margin:0 0 12px}</style></head><body>\n<h1>").Append(E(title)).Append("</h1>\n<p class=\"meta\">")
            .AppendJoin("<br>\n", facts.Select(E)).Append("</p>\n");
        foreach (var message in messages)
        {
            html.Append("<div class=\"m\"><div class=\"meta\"><strong>").Append(E(Sender(message, conversation, queue))).Append("</strong> · ")
                .Append(E(TranscriptMail.Format(message.SentAt, null))).Append("</div><div>").AppendJoin("<br>\n", Lines(message).Select(E)).Append("</div></div>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static string[] Lines(MessageView message) =>
        message.Attachment is { } file ? [$"File: {file.Name} ({Files.FileSizeText.Of(file.Size)})"] : message.Text.ReplaceLineEndings("\n").Split('\n');

    private static string Sender(MessageView message, ConversationRecord conversation, string queue) => message.Sender switch
    {
        MessageSender.Customer => string.IsNullOrWhiteSpace(message.SenderName) ? conversation.CustomerName : message.SenderName,
        MessageSender.Agent => string.IsNullOrWhiteSpace(message.SenderName) ? "Agent" : message.SenderName,
        _ => queue,
    };
}
