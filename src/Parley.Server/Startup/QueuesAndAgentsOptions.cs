using Parley.Server.Queues;

namespace Parley.Server.Startup;

/// <summary>
/// <c>Parley:Queues</c> and <c>Parley:Agents</c>: the queues and agents defined in configuration, which start-up
/// writes to the database. Bound from the <c>Parley</c> section, of which it reads only these two lists.
/// </summary>
public sealed class QueuesAndAgentsOptions
{
    public const string Section = "Parley";

    /// <summary>
    /// Queues defined in configuration (<c>Parley:Queues:0:…</c>), written to the database at start-up: the admin
    /// API's queue, checked with the same rules. Lists bind by index, for example <c>Parley:Queues:0:RequiredSkills:0:Skill</c>.
    /// </summary>
    public List<QueueDefinition> Queues { get; set; } = [];

    /// <summary>Agents defined in configuration; they are written to the database at start-up.</summary>
    public List<AgentOptions> Agents { get; set; } = [];
}
