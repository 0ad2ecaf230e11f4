using Parley.Server.Contracts;

namespace Parley.Server.Storage;

public sealed class MessageRecord
{
    public Guid ConversationId { get; set; }
    public long Seq { get; set; }
    public MessageSender Sender { get; set; }
    public string? SenderName { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset SentAt { get; set; }

    /// <summary>The sender's id for the message; a resend with the same id is the same message.</summary>
    public string? ClientMessageId { get; set; }

    /// <summary>The file the message carries (Files: stored by this id), its safe name, sniffed type and size.</summary>
    public Guid? AttachmentId { get; set; }

    public string? AttachmentName { get; set; }

    public string? AttachmentType { get; set; }

    public long? AttachmentSize { get; set; }

    public MessageView ToView() => new(Seq, Sender, SenderName, Text, SentAt, ClientMessageId);
}
