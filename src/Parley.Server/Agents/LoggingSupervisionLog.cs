namespace Parley.Server.Agents;

/// <summary>For now the supervisors' actions are only logged (the audit log will store them, through the same seam).</summary>
public sealed partial class LoggingSupervisionLog(ILogger<LoggingSupervisionLog> logger) : ISupervisionLog
{
    public Task RecordAsync(SupervisionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        LogAction(record.Supervisor, record.Action, record.ConversationId, record.Queue, record.Target);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 2030, Level = LogLevel.Information, Message = "Supervisor {Supervisor}: {Action} on conversation {ConversationId} in {Queue} (to {Target})")]
    private partial void LogAction(string supervisor, SupervisionAction action, Guid conversationId, string queue, string? target);
}
