namespace Parley.Server.Storage;

/// <summary>
/// The wrap-up code the agent chose for a conversation (table <c>conversation_wrap_ups</c>). Its own row, not a column of
/// the conversation: open conversations are written from memory whole, which would overwrite it.
/// </summary>
public sealed class ConversationWrapUpRecord
{
    public Guid ConversationId { get; set; }
    public required string Code { get; set; }
    public required string ChosenBy { get; set; }
    public DateTimeOffset ChosenAt { get; set; }
}
