using Parley.Load.Scenarios;

namespace Parley.Load;

/// <summary>Everything a run needs. The command line fills it (<see cref="CommandLine"/>); tests build it directly.</summary>
public sealed class LoadOptions
{
    public const string DefaultAgentPassword = "load-agent-password";

    /// <summary><c>idle</c>, <c>steady</c>, <c>arrivals</c> or another registered scenario.</summary>
    public string Scenario { get; set; } = "steady";

    /// <summary><c>parley</c>, <c>signalr-relay</c> or <c>bare-relay</c>.</summary>
    public string Target { get; set; } = "parley";

    public Uri BaseAddress { get; set; } = new("http://127.0.0.1:5000/");

    /// <summary>The scenario's small preset: a handful of clients for a few seconds.</summary>
    public bool Smoke { get; set; }

    /// <summary>Where the result files go; default <c>bench/results/&lt;scenario&gt;-&lt;timestamp&gt;</c>.</summary>
    public string? OutputDirectory { get; set; }

    /// <summary>The server's process id, for its memory (RSS) and CPU from <c>/proc</c>.</summary>
    public int? ServerPid { get; set; }

    /// <summary>
    /// A command that starts the server under test (run with <c>/bin/sh -c 'exec …'</c>); the tool starts it before the
    /// scenario, reads its memory and CPU, and stops it at the end. The crash scenario needs it to restart the server.
    /// </summary>
    public string? ServerCommand { get; set; }

    /// <summary>An admin who may create agents (Parley: <c>PUT /api/v1/admin/agents/{username}</c>).</summary>
    public string AdminUser { get; set; } = "admin";

    public string? AdminPassword { get; set; }

    /// <summary>Create or update the load agents through the admin API (off: they already exist with <see cref="AgentPassword"/>).</summary>
    public bool CreateAgents { get; set; } = true;

    public string AgentPrefix { get; set; } = "load-agent-";

    /// <summary>The load agents' password (at least 12 characters).</summary>
    public string AgentPassword { get; set; } = DefaultAgentPassword;

    public string Queue { get; set; } = "support";

    /// <summary>The pre-chat answers every customer gives.</summary>
    public Dictionary<string, string> Answers { get; set; } = new(StringComparer.Ordinal) { ["topic"] = "An order" };

    /// <summary>
    /// Give each simulated customer and agent its own client address in <c>X-Forwarded-For</c> (127.16.0.1 upward, in the loopback range; the
    /// server trusts it from loopback), as real customers have: the per-address start and sign-in limits would
    /// otherwise refuse a load from one machine after 30 chats or 20 sign-ins.
    /// </summary>
    public bool ForwardedFor { get; set; } = true;

    /// <summary>Seeds the Poisson schedule.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>No progress lines (the summary is still printed).</summary>
    public bool Quiet { get; set; }

    /// <summary>Scenario parameters given on the command line, applied over the preset.</summary>
    public Dictionary<string, string> Overrides { get; } = new(StringComparer.Ordinal);

    /// <summary>Set directly instead of through <see cref="Overrides"/> (tests); applied after the preset and the overrides.</summary>
    public Action<ScenarioParameters>? Adjust { get; set; }
}

/// <summary>A scenario, target, flag or parameter that does not exist or does not fit; the message says which.</summary>
public sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);
