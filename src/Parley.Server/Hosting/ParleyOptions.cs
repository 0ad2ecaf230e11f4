using System.ComponentModel.DataAnnotations;
using Parley.Server.Admin;
using Parley.Server.Queues;

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

    /// <summary><c>all</c> (default: everything in one process), <c>core</c> (inner network) or <c>edge</c> (DMZ, customer-facing only).</summary>
    public string Role { get; set; } = ParleyRoles.All;

    public EdgeOptions Edge { get; set; } = new();

    /// <summary>Rate and connection limits for customers on each edge.</summary>
    public Parley.Server.Customers.CustomerLimitOptions Customers { get; set; } = new();

    /// <summary>
    /// Reverse proxies (IP addresses or CIDR networks, e.g. <c>10.0.0.5</c>, <c>10.0.0.0/24</c>) whose
    /// <c>X-Forwarded-For</c>/<c>-Proto</c> are believed, so rate limits see each customer's address. Loopback always is.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>
    /// Origins (<c>https://desk.example.com</c>) besides the server's own whose pages may open the agent hub and the
    /// desktop's Blazor circuits. The customer hub and API accept every origin.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public SecurityHeadersOptions SecurityHeaders { get; set; } = new();
    public RabbitMqOptions RabbitMq { get; set; } = new();
    public DatabaseOptions Database { get; set; } = new();
    public DemoOptions Demo { get; set; } = new();
    public RoutingHostOptions Routing { get; set; } = new();
    public IntegrationOptions Integrations { get; set; } = new();
    public Parley.Server.Agents.SessionOptions Sessions { get; set; } = new();
    public Parley.Server.Agents.SignInOptions SignIn { get; set; } = new();

    /// <summary>
    /// Queues defined in configuration (<c>Parley:Queues:0:…</c>), written to the database at start-up: the admin
    /// API's queue, checked with the same rules. Lists bind by index, for example <c>Parley:Queues:0:RequiredSkills:0:Skill</c>.
    /// </summary>
    public List<QueueDefinition> Queues { get; set; } = [];

    /// <summary>Agents defined in configuration; they are written to the database at start-up.</summary>
    public List<AgentOptions> Agents { get; set; } = [];
}

public sealed class DatabaseOptions
{
    public static readonly string[] Providers = ["Sqlite", "Postgres"];

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c> (with <see cref="ConnectionString"/>).</summary>
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

public static class ParleyRoles
{
    public const string All = "all";
    public const string Core = "core";
    public const string Edge = "edge";
    public static readonly string[] Names = [All, Core, Edge];
}

/// <summary>This process as an edge (roles <c>all</c> and <c>edge</c>).</summary>
public sealed class EdgeOptions
{
    /// <summary>Unique among the edges of one core (<see cref="Transport.EdgeNameRule"/>: 1–40 of a-z, 0-9, '-', not starting with '-'); names the edge's broker queue.</summary>
    public string Name { get; set; } = "local";

    /// <summary>The site (location, data center) this edge serves, shown to the admin.</summary>
    public string Site { get; set; } = "default";

    /// <summary>The URL customers reach this edge at (through the reverse proxy), shown to the admin and checked by the URL check.</summary>
    public string? ExternalUrl { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The core forgets an edge silent this long (it leaves /admin/edges, the health report and the metrics): an edge
    /// taken away for good leaves the core Degraded until then, or until the core restarts. At least 10 minutes: longer
    /// than the three missed heartbeats (at most 3 minutes) that make an edge offline first.
    /// </summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan ForgetOfflineAfter { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>The broker between edge and core (roles <c>core</c> and <c>edge</c>).</summary>
public sealed class RabbitMqOptions
{
    /// <summary><c>amqp://user:password@host:5672/vhost</c>, or <c>amqps://…:5671/…</c> for TLS. Take the password from a secret store or environment variable.</summary>
    public string? Uri { get; set; }

    /// <summary>With TLS: the broker certificate's name when it differs from the host in <see cref="Uri"/>.</summary>
    public string? TlsServerName { get; set; }

    /// <summary>With TLS: a client certificate (PKCS#12) for brokers that authenticate clients by certificate.</summary>
    public string? TlsClientCertificatePath { get; set; }

    public string? TlsClientCertificatePassword { get; set; }

    /// <summary>How long an edge waits for the core's answer before telling the customer to retry.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:02:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
