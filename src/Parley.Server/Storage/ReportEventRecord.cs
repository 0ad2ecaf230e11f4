namespace Parley.Server.Storage;

/// <summary>
/// One fact of the reporting event log (table <c>report_events</c>): append-only, written in the same transaction as the
/// change it records (through the group commit), in the order things happened. <see cref="Id"/> is that order. The
/// columns a kind uses are listed with the kinds in <see cref="ReportEventKinds"/> and in docs/reporting.md; the others
/// stay null. Times are Unix milliseconds (UTC), which both providers compare and sort.
/// </summary>
public sealed class ReportEventRecord
{
    /// <summary>The log's order (assigned by the database, ascending in commit order).</summary>
    public long Id { get; set; }

    /// <summary>When it happened, on the server's clock (Unix milliseconds).</summary>
    public long At { get; set; }

    /// <summary>What happened: one of <see cref="ReportEventKinds"/>.</summary>
    public required string Kind { get; set; }

    public Guid? ConversationId { get; set; }

    /// <summary>The queue the fact belongs to (for a transfer or overflow: the queue the chat left).</summary>
    public string? Queue { get; set; }

    /// <summary>The agent the fact is about (for a transfer to an agent: the agent who gave the chat away).</summary>
    public string? Agent { get; set; }

    /// <summary>
    /// The kind's qualifier: how a chat entered the queue (<c>arrival</c>, <c>transfer</c>, <c>overflow</c>,
    /// <c>agentOffline</c>, <c>supervisor</c>), how it was accepted (<c>offer</c>, <c>picked</c>, <c>forced</c>: an answer from
    /// the queue; <c>transfer</c>, <c>takeover</c>: from another agent), who ended it, why an offer ended, an agent's away reason.
    /// </summary>
    public string? Detail { get; set; }

    /// <summary>The other side of a move: the queue or agent a chat was transferred or overflowed to.</summary>
    public string? Target { get; set; }

    /// <summary>
    /// When the chat entered the queue whose outcome this fact is (Unix ms): outcomes count in that interval. Set on
    /// every conversation fact after <c>queued</c>.
    /// </summary>
    public long? QueuedAt { get; set; }

    /// <summary>The duration the fact closes (wait, response, handle, wrap-up), in milliseconds.</summary>
    public long? DurationMs { get; set; }

    /// <summary>A number the kind carries: the rating (1–5); 1 on an end when the chat's workflow offered a survey.</summary>
    public int? Value { get; set; }

    /// <summary>The site of the edge the customer came through (<c>queued</c>).</summary>
    public string? Site { get; set; }

    /// <summary>The edge the customer came through (<c>queued</c>).</summary>
    public string? Edge { get; set; }

    /// <summary>The medium: <c>chat</c> (web chat), <c>message</c> (a left message); channels add theirs (<c>queued</c>).</summary>
    public string? Medium { get; set; }

    /// <summary>The agent's presence after the change (agent facts).</summary>
    public string? Presence { get; set; }

    /// <summary>The agent's status after the change, as routing sees it (agent facts).</summary>
    public string? Status { get; set; }

    /// <summary>The agent's chats in progress after the change (agent facts).</summary>
    public int? Active { get; set; }

    /// <summary>The agent's capacity after the change (agent facts).</summary>
    public int? Capacity { get; set; }
}
