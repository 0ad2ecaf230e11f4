using Parley.Server.Contracts;

namespace Parley.Server.Storage;

public sealed class ConversationRecord
{
    public Guid Id { get; set; }
    public required string Queue { get; set; }

    /// <summary>
    /// The queue the chat started in, whose pre-chat questions <see cref="Answers"/> answers (it keeps them when a
    /// transfer or overflow moves it). Null in rows written before it was kept: then <see cref="Queue"/>.
    /// </summary>
    public string? StartQueue { get; set; }
    public required string CustomerName { get; set; }
    public string? CustomerEmail { get; set; }

    /// <summary>The pre-chat answers, question id → answer.</summary>
    public Dictionary<string, string> Answers { get; set; } = [];

    /// <summary>The widget's visitor id (signed by the server), to route a returning customer to their last agent.</summary>
    public string? VisitorId { get; set; }

    /// <summary>The customer's IANA time zone (from the widget), for the times in their transcript; null: UTC.</summary>
    public string? TimeZone { get; set; }

    /// <summary>What the widget said about the customer's page and browser at the start; null: nothing (or an older row).</summary>
    public CustomerContextRecord? CustomerContext { get; set; }

    /// <summary>A chat, or a message left through the form (answered by e-mail).</summary>
    public ConversationKind Kind { get; set; }

    public ConversationState State { get; set; }
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the chat entered the queue it is in (its start, or its last transfer, overflow or move); null in rows written before it was kept: <see cref="StartedAt"/>.</summary>
    public DateTimeOffset? QueuedAt { get; set; }
    public string? AgentUsername { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }

    /// <summary>The version of its start queue's workflow the chat started with, kept for its whole life; 0: the default workflow.</summary>
    public int WorkflowVersion { get; set; }

    public List<MessageRecord> Messages { get; set; } = [];

    /// <summary>
    /// A copy without messages: the core keeps open conversations in memory as records nobody changes (a change is a
    /// new copy), so readers without the conversation's lock never see half of one.
    /// </summary>
    public ConversationRecord Copy()
    {
        var copy = (ConversationRecord)MemberwiseClone();
        copy.Messages = [];
        return copy;
    }
}
