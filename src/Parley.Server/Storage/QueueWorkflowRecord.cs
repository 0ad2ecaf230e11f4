namespace Parley.Server.Storage;

/// <summary>
/// One version of a queue's conversation workflow (table <c>queue_workflows</c>), append-only: a conversation names the
/// version it started with (<see cref="ConversationRecord.WorkflowVersion"/>), so a version is never changed or removed.
/// </summary>
public sealed class QueueWorkflowRecord
{
    public required string Queue { get; set; }
    public int Version { get; set; }

    /// <summary>The welcome and the workflow as JSON (Queues/QueueWorkflows reads and writes it).</summary>
    public required string Definition { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
