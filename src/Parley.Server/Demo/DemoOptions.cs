namespace Parley.Server.Demo;

/// <summary><c>Parley:Demo</c>: the demo queues and agents seeded into an empty database.</summary>
public sealed class DemoOptions
{
    public const string Section = "Parley:Demo";

    /// <summary>Seed demo queues and agents into an empty database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The demo agents' password; a random one is generated and printed once when unset.</summary>
    public string? AgentPassword { get; set; }
}
