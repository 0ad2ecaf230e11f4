namespace Parley.Server.Storage;

public sealed class AgentRecord
{
    public required string Username { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>ASP.NET Core Identity password hash (PBKDF2); never the password.</summary>
    public required string PasswordHash { get; set; }

    public List<string> Roles { get; set; } = [];
    public List<string> Queues { get; set; } = [];
    public int Capacity { get; set; } = 3;
}
