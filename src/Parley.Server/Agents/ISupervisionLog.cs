namespace Parley.Server.Agents;

/// <summary>
/// The one seam every supervisor action goes through once it succeeded: who, what, when, on which conversation. The
/// audit log stores it (<c>Audit/AuditSupervisionLog</c>, as <c>supervision.*</c> entries).
/// </summary>
public interface ISupervisionLog
{
    Task RecordAsync(SupervisionRecord record, CancellationToken cancellationToken);
}

public enum SupervisionAction
{
    /// <summary>A waiting chat given straight to an agent.</summary>
    ForceAssign,

    /// <summary>A chat an agent held given to another agent.</summary>
    ReassignToAgent,

    /// <summary>A chat an agent held put into a queue.</summary>
    ReassignToQueue,
    Monitor,
    StopMonitoring,
    Whisper,
    BargeIn,

    /// <summary>A message the supervisor sent to the customer after barging in.</summary>
    SupervisorMessage,
    TakeOver,
}

/// <param name="Target">The agent or queue the chat went to, if the action moved it.</param>
public sealed record SupervisionRecord(string Supervisor, SupervisionAction Action, Guid ConversationId, string Queue, string? Target, DateTimeOffset At);
