using System.ComponentModel.DataAnnotations;

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

public sealed class QueueOptions
{
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,63}$")]
    public string Name { get; set; } = "";

    [Required, StringLength(100)]
    public string DisplayName { get; set; } = "";

    [StringLength(500)]
    public string? Welcome { get; set; }

    [Range(5, 600)]
    public int OfferTimeoutSeconds { get; set; } = 30;

    public List<QuestionOptions> Questions { get; set; } = [];
}

public sealed class QuestionOptions
{
    [Required, RegularExpression("^[a-zA-Z0-9_-]{1,64}$")]
    public string Id { get; set; } = "";

    [Required, StringLength(200)]
    public string Label { get; set; } = "";

    [RegularExpression("^(text|choice)$")]
    public string Type { get; set; } = "text";

    public List<string> Options { get; set; } = [];
    public bool Required { get; set; }
}

public sealed class AgentOptions
{
    [Required, RegularExpression("^[a-z0-9][a-z0-9._-]{0,63}$")]
    public string Username { get; set; } = "";

    [Required, StringLength(100)]
    public string DisplayName { get; set; } = "";

    /// <summary>From a secret store or environment variable, never from a committed file.</summary>
    [Required, MinLength(8)]
    public string Password { get; set; } = "";

    public List<string> Roles { get; set; } = ["agent"];
    public List<string> Queues { get; set; } = [];

    [Range(1, 50)]
    public int Capacity { get; set; } = 3;
}
