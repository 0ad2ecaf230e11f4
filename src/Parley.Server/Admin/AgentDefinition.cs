namespace Parley.Server.Admin;

// The shapes of an agent account the admin API reads and writes, the Blazor admin pages edit and configuration binds
// (Parley:Agents): the account, the input with a password, and its skills. Mutable classes on purpose: forms and the
// configuration binder set properties. Lists are never null after validation; a null list in a request counts as empty.

/// <summary>An agent account as the admin API returns it (never with a password).</summary>
public class AgentDefinition
{
    /// <summary><c>^[a-z0-9][a-z0-9._-]{0,63}$</c>. In a PUT body it may be left out (the URL names the agent).</summary>
    public string Username { get; set; } = "";

    /// <summary>1–100 characters, shown to customers.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary><c>agent</c>, <c>supervisor</c>, <c>admin</c>; empty means <c>["agent"]</c>.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Names of existing queues the agent takes chats from (at most 50).</summary>
    public List<string> Queues { get; set; } = [];

    /// <summary>Names of existing queues a supervisor supervises: sees their live chats and acts on them (at most 50; admins supervise every queue).</summary>
    public List<string> SupervisedQueues { get; set; } = [];

    /// <summary>Queue → membership priority 1–9 (1 = primary, the default; 2+ = backup, offered a chat only when no agent with a lower number can take it).</summary>
    public Dictionary<string, int> QueuePriorities { get; set; } = [];

    /// <summary>Skills and proficiency (at most 50, one entry per skill).</summary>
    public List<AgentSkillDefinition> Skills { get; set; } = [];

    /// <summary>Concurrent chats, 1–50.</summary>
    public int Capacity { get; set; } = 3;
}

/// <summary>What a PUT of an agent accepts: the account plus a new password.</summary>
public class AgentInput : AgentDefinition
{
    /// <summary>At least 12 characters; required when the agent is created, optional on a change (left out: unchanged). Stored hashed, never returned.</summary>
    public string? Password { get; set; }
}

public class AgentSkillDefinition
{
    /// <summary><c>^[a-z0-9][a-z0-9:._-]{0,63}$</c>.</summary>
    public string Skill { get; set; } = "";

    /// <summary>Proficiency 1–10.</summary>
    public int Level { get; set; } = 1;
}
