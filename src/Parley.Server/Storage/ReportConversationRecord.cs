namespace Parley.Server.Storage;

/// <summary>
/// One conversation as the queue projection folded it from the event log (table <c>report_conversations</c>): the
/// drill-down and the export read it. Times are Unix milliseconds; durations milliseconds, summed over the chat's
/// segments and agents. Business-hours variants are set where the queue has a calendar. docs/reporting.md defines each.
/// </summary>
public sealed class ReportConversationRecord
{
    public Guid Id { get; set; }

    public required string FirstQueue { get; set; }

    /// <summary>The queue the chat is in (or ended in).</summary>
    public required string LastQueue { get; set; }

    public string? Medium { get; set; }
    public string? Site { get; set; }
    public string? Edge { get; set; }

    /// <summary>The first entry into a queue.</summary>
    public long QueuedAt { get; set; }

    /// <summary>The entry into <see cref="LastQueue"/>: later outcomes count in its interval.</summary>
    public long SegmentQueuedAt { get; set; }

    /// <summary>The first answer (accepted with offer or picked).</summary>
    public long? AnsweredAt { get; set; }

    /// <summary>The agent who has (or ended) the chat.</summary>
    public string? Agent { get; set; }

    /// <summary>Time spent waiting in queues, every segment.</summary>
    public long WaitMs { get; set; }

    /// <summary>The first agent reply after the first answer.</summary>
    public long? FirstResponseMs { get; set; }

    /// <summary>Time with agents (every agent's accept → hand-over or end).</summary>
    public long? HandleMs { get; set; }

    /// <summary>After-chat work of the agent who ended it.</summary>
    public long? WrapUpMs { get; set; }

    public long? EndedAt { get; set; }

    /// <summary>Who ended it: customer, agent, system, inactivity, supervisor…</summary>
    public string? EndedBy { get; set; }

    /// <summary>waiting, answered, abandoned, expired, ended (ended while queued otherwise).</summary>
    public required string Outcome { get; set; }

    /// <summary>A customer who left within the queue's short-abandon threshold.</summary>
    public bool ShortAbandon { get; set; }

    public int Transfers { get; set; }
    public int Overflows { get; set; }
    public int? Rating { get; set; }

    /// <summary>The chat's workflow offered a survey at its end.</summary>
    public bool SurveyOffered { get; set; }

    public long? BusinessWaitMs { get; set; }
    public long? BusinessHandleMs { get; set; }

    /// <summary>The wrap-up code the agent chose (the last one); the tags are in <c>report_conversation_tags</c>.</summary>
    public string? WrapUpCode { get; set; }
}
