namespace Parley.Server.Storage;

/// <summary>
/// One agent's figures in one 15-minute UTC bucket (table <c>report_agent_intervals</c>), folded from the event log by
/// the agent projection (Reporting/AgentProjection). Time in a state is the span until the agent's next fact, split at
/// bucket edges; chat figures count in the bucket of the fact's own time. Times are milliseconds; docs/reporting.md (agent reports)
/// defines every column.
/// </summary>
public sealed class ReportAgentIntervalRecord
{
    public required string Agent { get; set; }

    /// <summary>The bucket's start (Unix ms, a multiple of 15 minutes).</summary>
    public long BucketStart { get; set; }

    /// <summary>Time Available with a free slot (status Ready).</summary>
    public long ReadyMs { get; set; }

    /// <summary>Time Available with every slot taken (status Busy).</summary>
    public long BusyMs { get; set; }

    public long WrapUpMs { get; set; }

    public long ExternalBusyMs { get; set; }

    public long AwayMs { get; set; }

    public long DoNotDisturbMs { get; set; }

    /// <summary>Σ chats in progress × time, while Available.</summary>
    public long SlotUsedMs { get; set; }

    /// <summary>Σ capacity × time, while Available.</summary>
    public long SlotAvailableMs { get; set; }

    public int Offers { get; set; }

    public int Declines { get; set; }

    public int OffersTimedOut { get; set; }

    /// <summary>Chats the agent took (any <c>accepted</c>: answers and chats transferred to them).</summary>
    public int Accepted { get; set; }

    /// <summary>Chats that ended while the agent held them.</summary>
    public int Handled { get; set; }

    /// <summary>Σ accepted → ended of the handled chats.</summary>
    public long HandleMs { get; set; }

    /// <summary>The handled chats' handle times in <c>AgentDurationHistogram.HandleEdges</c> buckets ("n,n,…").</summary>
    public string HandleHistogram { get; set; } = "";

    /// <summary>After-chat work that ended here: count and Σ length.</summary>
    public int WrapUps { get; set; }

    public long WrapUpWorkMs { get; set; }

    public int FirstReplies { get; set; }

    public long FirstResponseMs { get; set; }

    /// <summary>First responses in <c>AgentDurationHistogram.FirstResponseEdges</c> buckets.</summary>
    public string FirstResponseHistogram { get; set; } = "";

    public int TransfersOut { get; set; }

    public int Ratings { get; set; }

    public int RatingSum { get; set; }
}
