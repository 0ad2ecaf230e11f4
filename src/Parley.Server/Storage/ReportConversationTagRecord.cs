namespace Parley.Server.Storage;

/// <summary>A tag of a reported conversation (table <c>report_conversation_tags</c>), folded from the tag facts: the report filters on it.</summary>
public sealed class ReportConversationTagRecord
{
    public Guid ConversationId { get; set; }
    public required string Tag { get; set; }
}
