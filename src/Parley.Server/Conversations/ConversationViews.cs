using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>A message as customers, agents and the API see it.</summary>
public sealed record MessageView(long Seq, MessageSender Sender, string? SenderName, string Text, DateTimeOffset SentAt, string? ClientMessageId)
{
    public static MessageView From(MessageRecord m) => new(m.Seq, m.Sender, m.SenderName, m.Text, m.SentAt, m.ClientMessageId);
}

/// <summary>Where a conversation stands, as the customer sees it.</summary>
public sealed record ConversationStatus(ConversationState State, string? AgentName = null, int? Position = null);

public sealed record ConversationView(Guid ConversationId, string Queue, ConversationStatus Status, long LastSeq);

/// <summary>The acknowledgement of a stored message.</summary>
public sealed record MessageAccepted(long Seq, DateTimeOffset SentAt);

/// <summary>What the widget needs to draw the pre-chat form.</summary>
public sealed record QueueInfo(string Name, string DisplayName, string? Welcome, IReadOnlyList<QuestionView> Questions);

public sealed record QuestionView(string Id, string Label, string Type, IReadOnlyList<string> Options, bool Required)
{
    public static QuestionView From(PreChatQuestion q) => new(q.Id, q.Label, q.Type, q.Options, q.Required);
}
