namespace Parley.Server.Storage;

/// <summary>
/// Time an agent spent Away or Do not disturb with one reason in one 15-minute UTC bucket (table
/// <c>report_agent_reasons</c>), by the agent projection. Time without a reason is only in the agent's interval row.
/// </summary>
public sealed class ReportAgentReasonRecord
{
    public required string Agent { get; set; }

    public long BucketStart { get; set; }

    /// <summary>Away or DoNotDisturb.</summary>
    public required string Presence { get; set; }

    public required string Reason { get; set; }

    public long Ms { get; set; }
}
