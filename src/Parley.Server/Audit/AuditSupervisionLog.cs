using Parley.Server.Agents;

namespace Parley.Server.Audit;

/// <summary>The supervisors' actions (monitor, whisper, barge in, take over, reassign…) go to the audit log.</summary>
public sealed class AuditSupervisionLog(AuditLog audit) : ISupervisionLog
{
    public Task RecordAsync(SupervisionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return audit.RecordAsync(record.Supervisor, AuditActions.Supervision(record.Action), AuditActions.Subject("conversation", record.ConversationId.ToString()),
            null, new { record.Queue, record.Target }, CancellationToken.None);
    }
}
