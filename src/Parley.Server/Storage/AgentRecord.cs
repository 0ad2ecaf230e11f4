using Parley.Routing;

namespace Parley.Server.Storage;

public sealed class AgentRecord
{
    public required string Username { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>ASP.NET Core Identity password hash (PBKDF2); never the password.</summary>
    public required string PasswordHash { get; set; }

    public List<string> Roles { get; set; } = [];
    public List<string> Queues { get; set; } = [];

    /// <summary>The queues a supervisor supervises (team scoping, <see cref="Parley.Server.Agents.SupervisorScope"/>); admins supervise all.</summary>
    public List<string> SupervisedQueues { get; set; } = [];

    /// <summary>Queue → membership priority for <see cref="Queues"/> (1 = primary, the default; 2+ = backup).</summary>
    public Dictionary<string, int> QueuePriorities { get; set; } = [];

    /// <summary>Skill → proficiency 1–10.</summary>
    public Dictionary<string, int> Skills { get; set; } = [];

    public int Capacity { get; set; } = 3;

    /// <summary>
    /// The presence routing last gave the agent, and its reason: after a restart it is given back when the agent's desk
    /// reconnects in time (<see cref="Parley.Server.Agents.PresenceAfterRestart"/>).
    /// </summary>
    public AgentPresence LastPresence { get; set; } = AgentPresence.Offline;

    public string? LastPresenceReason { get; set; }
}
