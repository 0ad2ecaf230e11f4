using Parley.Server.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>
/// The reporting facts of conversations (<see cref="ReportEventKinds"/>), built from the row as it was and the time of
/// the change; the log appends them in the same write as the change. Pure: no clock, no I/O.
/// </summary>
public static class ConversationFacts
{
    /// <summary>Unix milliseconds: the event log's time.</summary>
    public static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>When the chat entered the queue it is in (rows from before it was kept: its start).</summary>
    public static DateTimeOffset QueuedAt(ConversationRecord conversation) => conversation.QueuedAt ?? conversation.StartedAt;

    public static string MediumOf(ConversationRecord conversation) => conversation.Kind == ConversationKind.Message ? "message" : "chat";

    /// <summary>A fact about <paramref name="conversation"/> in the queue segment it is in.</summary>
    public static ReportEventRecord Of(string kind, ConversationRecord conversation, DateTimeOffset at, string? agent = null, long? durationMs = null, string? detail = null) => new()
    {
        Kind = kind,
        At = Ms(at),
        ConversationId = conversation.Id,
        Queue = conversation.Queue,
        QueuedAt = Ms(QueuedAt(conversation)),
        Agent = agent,
        DurationMs = durationMs,
        Detail = detail,
    };

    /// <summary>
    /// The chat (as changed: its queue, its <see cref="ConversationRecord.QueuedAt"/>) entered a queue.
    /// <paramref name="via"/>: arrival, transfer, overflow, agentOffline, supervisor; for the last two the agent who had
    /// it and their handling time.
    /// </summary>
    public static ReportEventRecord Queued(ConversationRecord conversation, string via, (string? Edge, string? Site) origin, string? agent = null, long? handledMs = null)
    {
        var fact = Of(ReportEventKinds.Queued, conversation, QueuedAt(conversation), agent, handledMs, via);
        fact.Edge = origin.Edge;
        fact.Site = origin.Site;
        fact.Medium = MediumOf(conversation);
        return fact;
    }

    /// <summary>The facts of an end, in order: the outcome of a wait (abandoned or expired), the inactivity close, the end.</summary>
    /// <param name="before">The row before the end.</param>
    /// <param name="expired">The queue's maximum wait ended it.</param>
    /// <param name="surveyOffered">The chat's workflow asks the customer to rate it.</param>
    public static IReadOnlyList<ReportEventRecord> Ended(ConversationRecord before, string endedBy, DateTimeOffset at, bool expired, bool surveyOffered)
    {
        var facts = new List<ReportEventRecord>(3);
        var waited = Ms(at) - Ms(QueuedAt(before));
        if (before.State == ConversationState.Queued)
        {
            if (expired)
            {
                facts.Add(Of(ReportEventKinds.Expired, before, at, durationMs: waited));
            }
            else if (endedBy is "customer" or "inactivity")
            {
                // The customer left the queue (closed the chat, or went silent while waiting).
                facts.Add(Of(ReportEventKinds.Abandoned, before, at, durationMs: waited));
            }
        }

        if (endedBy == "inactivity")
        {
            facts.Add(Of(ReportEventKinds.InactivityClosed, before, at, before.AgentUsername));
        }

        var end = Of(ReportEventKinds.Ended, before, at, before.AgentUsername, HandledMs(before, at), endedBy);
        end.Value = surveyOffered ? 1 : null;
        facts.Add(end);
        return facts;
    }

    /// <summary>How long the agent who holds the chat has had it; null while no agent has it.</summary>
    public static long? HandledMs(ConversationRecord conversation, DateTimeOffset at) =>
        conversation is { State: ConversationState.Assigned, AssignedAt: { } assigned } ? Ms(at) - Ms(assigned) : null;
}
