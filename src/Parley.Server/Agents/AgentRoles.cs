namespace Parley.Server.Agents;

public static class AgentRoles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Agent, Supervisor, Admin];

    /// <summary>The roles that may watch every queue and read every transcript.</summary>
    public static readonly IReadOnlyList<string> Supervisors = [Supervisor, Admin];

    public static readonly IReadOnlyList<string> Admins = [Admin];

    /// <summary>Authorization policy names.</summary>
    public const string AgentPolicy = "agent";
    public const string SupervisorPolicy = "supervisor";
    public const string AdminPolicy = "admin";
}
