namespace Parley.Server.Storage;

/// <summary>
/// An agent's state after the last fact the agent projection folded (table <c>report_agent_states</c>): where the span
/// still open starts. The projection closes it at the agent's next fact; reports add it up to now.
/// </summary>
public sealed class ReportAgentStateRecord
{
    public required string Agent { get; set; }

    /// <summary>When the state began (Unix ms).</summary>
    public long At { get; set; }

    public required string Presence { get; set; }

    /// <summary>The away or do-not-disturb reason.</summary>
    public string? Reason { get; set; }

    public required string Status { get; set; }

    public int Active { get; set; }

    public int Capacity { get; set; }
}
