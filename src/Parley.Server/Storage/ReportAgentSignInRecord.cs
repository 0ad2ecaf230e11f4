namespace Parley.Server.Storage;

/// <summary>
/// One stretch of an agent's being signed in (table <c>report_agent_sign_ins</c>): from leaving Offline to going
/// Offline again (null while still signed in), by the agent projection. Shifts join these across short gaps at query
/// time (<c>Parley:Reporting:ShiftGap</c>), so a changed gap applies to the past too.
/// </summary>
public sealed class ReportAgentSignInRecord
{
    public required string Agent { get; set; }

    public long SignedInAt { get; set; }

    public long? SignedOutAt { get; set; }
}
