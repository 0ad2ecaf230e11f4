using System.Globalization;
using System.Text;
using Parley.Load.Scenarios;
using Parley.Load.Targets;

namespace Parley.Load;

/// <summary><c>parley-load &lt;scenario&gt; [--flag value]…</c> → <see cref="LoadOptions"/>.</summary>
public static class CommandLine
{
    /// <summary>Flags without a value.</summary>
    private static readonly HashSet<string> Switches = ["smoke", "quiet", "no-create-agents", "no-forwarded-for", "help", "list"];

    /// <exception cref="UsageException">An unknown flag or a bad value, with a sentence saying which.</exception>
    public static (LoadOptions Options, bool Help) Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        var help = false;
        var scenarioGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (scenarioGiven)
                {
                    throw new UsageException($"Unexpected '{arg}': give one scenario.");
                }

                options.Scenario = arg;
                scenarioGiven = true;
                continue;
            }

            var name = arg[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                (name, value) = (name[..equals], name[(equals + 1)..]);
            }
            else if (!Switches.Contains(name))
            {
                value = i + 1 < args.Count ? args[++i] : throw new UsageException($"--{name} needs a value.");
            }

            switch (name)
            {
                case "help" or "list":
                    help = true;
                    break;
                case "scenario":
                    options.Scenario = value!;
                    scenarioGiven = true;
                    break;
                case "target":
                    options.Target = value!;
                    break;
                case "url" or "base-address":
                    options.BaseAddress = Uri.TryCreate(value!.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri)
                        ? uri
                        : throw new UsageException($"--{name}: '{value}' is not an absolute URL.");
                    break;
                case "smoke":
                    options.Smoke = value is null || bool.Parse(value);
                    break;
                case "quiet":
                    options.Quiet = value is null || bool.Parse(value);
                    break;
                case "out":
                    options.OutputDirectory = value;
                    break;
                case "server-pid":
                    options.ServerPid = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && pid > 0
                        ? pid
                        : throw new UsageException($"--server-pid: '{value}' is not a process id.");
                    break;
                case "server-command":
                    options.ServerCommand = value;
                    break;
                case "admin-user":
                    options.AdminUser = value!;
                    break;
                case "admin-password":
                    options.AdminPassword = value;
                    break;
                case "agent-password":
                    options.AgentPassword = value!;
                    break;
                case "agent-prefix":
                    options.AgentPrefix = value!;
                    break;
                case "no-create-agents":
                    options.CreateAgents = false;
                    break;
                case "no-forwarded-for":
                    options.ForwardedFor = false;
                    break;
                case "queue":
                    options.Queue = value!;
                    break;
                case "answer":
                    var parts = value!.Split('=', 2);
                    options.Answers[parts[0]] = parts.Length == 2 ? parts[1] : throw new UsageException("--answer takes question=answer.");
                    break;
                case "seed":
                    options.Seed = int.Parse(value!, CultureInfo.InvariantCulture);
                    break;
                default:
                    if (ScenarioParameters.Find(name) is null)
                    {
                        throw new UsageException($"Unknown flag --{name}. See --help.");
                    }

                    options.Overrides[name] = value!;
                    break;
            }
        }

        options.AdminPassword ??= Environment.GetEnvironmentVariable("PARLEY_LOAD_ADMIN_PASSWORD");
        return (options, help);
    }

    public static string Help()
    {
        var text = new StringBuilder();
        text.AppendLine("Parley load tool: open-loop load over real WebSockets, with latency percentiles and message accounting.");
        text.AppendLine();
        text.AppendLine("Usage: dotnet run -c Release --project bench/Parley.Load -- <scenario> [flags]");
        text.AppendLine("       dotnet run -c Release --project bench/Parley.Load -- report DIR   (side-by-side tables of the runs in DIR, as bench/run-load writes them)");
        text.AppendLine();
        text.AppendLine("Scenarios:");
        foreach (var scenario in ScenarioRegistry.All)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {scenario.Name,-16} {scenario.Summary}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  {"",-16} parameters: {string.Join(", ", scenario.Parameters.Select(p => "--" + p))}");
        }

        text.AppendLine();
        text.AppendLine("Run flags:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  --target T            {string.Join(" | ", TargetDrivers.Names)} (default parley)");
        text.AppendLine("  --url URL             the target's base address (default http://127.0.0.1:5000/)");
        text.AppendLine("  --smoke               the scenario's tiny preset (a handful of clients, a few seconds)");
        text.AppendLine("  --out DIR             result folder (default bench/results/<scenario>-<timestamp>)");
        text.AppendLine("  --server-pid PID      read the server's RSS and CPU from /proc/PID");
        text.AppendLine("  --server-command CMD  start the server with CMD (sh -c 'exec CMD'), read its RSS and CPU, stop it at the end;");
        text.AppendLine("                        crash needs it (it kills the server with SIGKILL and starts it again)");
        text.AppendLine("  --admin-user NAME     admin who creates the load agents (default admin)");
        text.AppendLine("  --admin-password PW   their password (or PARLEY_LOAD_ADMIN_PASSWORD)");
        text.AppendLine("  --agent-prefix P      load agents are P0001, P0002 … (default load-agent-)");
        text.AppendLine("  --agent-password PW   the load agents' password (default load-agent-password)");
        text.AppendLine("  --no-create-agents    the agents exist already (no admin API calls)");
        text.AppendLine("  --queue Q             queue the chats start in (default support)");
        text.AppendLine("  --answer id=value     a pre-chat answer (default topic=An order)");
        text.AppendLine("  --no-forwarded-for    do not give each simulated client its own X-Forwarded-For address");
        text.AppendLine("  --seed N              seed of the Poisson schedule (default 1)");
        text.AppendLine("  --quiet               no progress lines");
        text.AppendLine();
        text.AppendLine("Scenario parameters (override the preset):");
        foreach (var parameter in ScenarioParameters.All)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  --{parameter.Name,-20} {parameter.Description}");
        }

        text.AppendLine();
        text.AppendLine("Exit code: 0 clean (no error; every message acknowledged and delivered once), 1 not clean, 2 usage error, 3 the run failed.");
        return text.ToString();
    }
}
