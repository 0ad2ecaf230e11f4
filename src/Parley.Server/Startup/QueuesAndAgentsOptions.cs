namespace Parley.Server.Startup;

/// <summary>
/// <c>Parley:Queues</c> and <c>Parley:Agents</c>: the queues and agents defined in configuration, which start-up
/// writes to the database. Bound from the <c>Parley</c> section, of which it reads only these two lists.
/// </summary>
public sealed class QueuesAndAgentsOptions
{
    public const string Section = "Parley";

    /// <summary>Queues defined in configuration; they are written to the database at start-up.</summary>
    public List<QueueOptions> Queues { get; set; } = [];

    /// <summary>Agents defined in configuration; they are written to the database at start-up.</summary>
    public List<AgentOptions> Agents { get; set; } = [];
}
