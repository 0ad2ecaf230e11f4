using System.ComponentModel.DataAnnotations;
using Parley.Server.Admin;

namespace Parley.Server.Hosting;

/// <summary>The <c>Parley</c> configuration section. Validated at start-up.</summary>
public sealed class ParleyOptions
{
    public const string Section = "Parley";

    /// <summary>Where the SQLite database and the installation key live.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Base64 key (≥ 32 bytes) that signs customer tokens. Generated into the data directory when unset.</summary>
    public string? InstallationKey { get; set; }

    public DatabaseOptions Database { get; set; } = new();
    public DemoOptions Demo { get; set; } = new();
    public RoutingHostOptions Routing { get; set; } = new();
    public IntegrationOptions Integrations { get; set; } = new();

    /// <summary>Queues defined in configuration; they are written to the database at start-up.</summary>
    public List<QueueOptions> Queues { get; set; } = [];

    /// <summary>Agents defined in configuration; they are written to the database at start-up.</summary>
    public List<AgentOptions> Agents { get; set; } = [];
}

public sealed class DatabaseOptions
{
    /// <summary><c>Sqlite</c> (default). The provider is chosen here so that others can drop in.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Overrides the default <c>Data Source={DataDirectory}/parley.db</c>.</summary>
    public string? ConnectionString { get; set; }
}

public sealed class DemoOptions
{
    /// <summary>Seed demo queues and agents into an empty database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The demo agents' password; a random one is generated and printed once when unset.</summary>
    public string? AgentPassword { get; set; }
}

public sealed class RoutingHostOptions
{
    public bool AwayAfterMissedOffer { get; set; } = true;

    /// <summary>How often offer time-outs are checked.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often changed queue positions and wait estimates are pushed to customers (at most once per interval each).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StandingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An agent whose last desktop or hub connection closed is set Offline after this long (a reload is not a sign-out).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SignOutAfterDisconnect { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The handle time the wait estimate assumes until a queue has closed chats of its own.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan DefaultHandleTime { get; set; } = TimeSpan.FromMinutes(4);
}

/// <summary>
/// A queue in configuration (<c>Parley:Queues:0:…</c>): the same settings as the admin API's queue, checked with
/// the same rules at start-up. Lists bind by index, for example <c>Parley:Queues:0:RequiredSkills:0:Skill</c>.
/// </summary>
public sealed class QueueOptions : QueueDefinition;

/// <summary>
/// An agent in configuration (<c>Parley:Agents:0:…</c>): the same settings as the admin API's agent.
/// <see cref="AgentInput.Password"/> is required here; take it from a secret store or environment variable, never a committed file.
/// </summary>
public sealed class AgentOptions : AgentInput;

public sealed class IntegrationOptions
{
    /// <summary>API keys of other systems (phone platform, CRM) for the integration endpoints.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];
}

/// <summary>One integration's key; from a secret store or environment variable (<c>Parley__Integrations__ApiKeys__0__Key</c>), never a committed file.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Which system this is (<c>^[a-z0-9][a-z0-9._-]{0,63}$</c>), for logs.</summary>
    public string Name { get; set; } = "";

    /// <summary>At least 32 characters, sent in the <c>X-Parley-Api-Key</c> header.</summary>
    public string Key { get; set; } = "";
}
