namespace Parley.Server.Conversations;

/// <summary>
/// The short reference a person reads out for a chat ("01a24c3b"). Conversation ids are time-ordered (UUIDv7): their
/// first digits are the start time and are shared by every chat started within about a minute, so the reference is
/// taken from the id's random end instead.
/// </summary>
public static class ConversationReference
{
    public const int Length = 8;

    public static string Of(Guid conversationId) => conversationId.ToString("N")[^Length..];
}
