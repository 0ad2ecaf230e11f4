using Parley.Routing;

namespace Parley.Server.Contracts;

/// <summary>A message as customers, agents and the API see it.</summary>
/// <param name="Attachment">The file the message carries, if any, with links minted for whoever reads it now.</param>
public sealed record MessageView(long Seq, MessageSender Sender, string? SenderName, string Text, DateTimeOffset SentAt, string? ClientMessageId, AttachmentView? Attachment = null);

/// <summary>
/// Where a conversation stands, as the customer sees it: while queued, the place in line (1 = next) and the
/// estimated wait in seconds; without an estimate, why there is none (nobody serves the queue right now, or every
/// agent is busy with chats that run longer than usual), so the widget says that instead of a time.
/// </summary>
/// <param name="QueueDisplayName">The display name of the queue the chat is in, when it may have changed (resume, a move to another queue).</param>
public sealed record ConversationStatus(ConversationState State, string? AgentName = null, int? Position = null, int? EstimatedWaitSeconds = null, NoEstimateReason? NoEstimate = null, string? QueueDisplayName = null)
{
    public static ConversationStatus Queued(QueueStanding? standing) =>
        new(ConversationState.Queued, Position: standing?.Position,
            EstimatedWaitSeconds: standing?.EstimatedWait is { } wait ? (int)Math.Ceiling(wait.TotalSeconds) : null,
            NoEstimate: standing?.EstimatedWait is null ? standing?.NoEstimate : null);
}

public sealed record ConversationView(Guid ConversationId, string Queue, ConversationStatus Status, long LastSeq)
{
    /// <summary>The queue's satisfaction survey while the customer may still rate the chat (ended, within 24 hours, not rated); else null.</summary>
    public SurveyView? Survey { get; init; }
}

/// <summary>The survey's wording from the chat's workflow; null parts: the widget's own (translated) words.</summary>
public sealed record SurveyView(string? Question, string? CommentLabel);

/// <summary>The acknowledgement of a stored message.</summary>
public sealed record MessageAccepted(long Seq, DateTimeOffset SentAt);

/// <summary>What the widget needs to draw the pre-chat form.</summary>
public sealed record QueueInfo(string Name, string DisplayName, string? Welcome, IReadOnlyList<QuestionView> Questions)
{
    /// <summary>Open, closed or without agents now: filled in by the edge from its own copy of the facts.</summary>
    public QueueAvailability? Availability { get; init; }

    /// <summary>The queue's announcements shown now, in start order: filled in by the edge from its own copy.</summary>
    public IReadOnlyList<AnnouncementView> Announcements { get; init; } = [];
}

public sealed record QuestionView(string Id, string Label, string Type, IReadOnlyList<string> Options, bool Required);

/// <summary>
/// A file in a message. <paramref name="Url"/> downloads the original bytes; <paramref name="PreviewUrl"/> (images only)
/// shows a small copy without metadata. Both are signed and expire: minted when the message is read or pushed.
/// </summary>
/// <param name="Name">A safe name: no directories, its extension from the sniffed type.</param>
/// <param name="ContentType">The type decided from the content, not the name.</param>
public sealed record AttachmentView(Guid Id, string Name, string ContentType, long Size, string Url, string? PreviewUrl);
