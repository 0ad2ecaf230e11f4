namespace Parley.Server.Storage;

/// <summary>
/// A customer's satisfaction rating of one chat (table <c>ratings</c>): at most one per conversation, which the key
/// enforces, so a rating sent twice (a retry, the broker redelivering) is stored once. Read by reporting.
/// </summary>
public sealed class RatingRecord
{
    public Guid ConversationId { get; set; }

    /// <summary>1 (very unsatisfied) to 5 (very satisfied).</summary>
    public int Rating { get; set; }

    public string? Comment { get; set; }

    /// <summary>The queue the chat ended in.</summary>
    public required string Queue { get; set; }

    /// <summary>The agent the chat was with when it ended; null when it ended before an agent took it.</summary>
    public string? AgentUsername { get; set; }

    /// <summary>The server's time of the rating.</summary>
    public DateTimeOffset RatedAt { get; set; }
}
