namespace Parley.Server.Storage;

/// <summary>A tag on a conversation (table <c>conversation_tags</c>), normalised (<c>Conversations/TagName</c>).</summary>
public sealed class ConversationTagRecord
{
    public Guid ConversationId { get; set; }
    public required string Tag { get; set; }
    public required string AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}
