namespace Parley.Server.Startup;

/// <summary>What start-up did that the banner should tell the person who started the server.</summary>
internal sealed class StartupReport
{
    public bool DemoSeeded { get; set; }
    public string? GeneratedDemoPassword { get; set; }

    /// <summary><c>Parley:Demo:AgentPassword</c> is set, but the database already existed: it changed nothing.</summary>
    public bool DemoPasswordIgnored { get; set; }
}
