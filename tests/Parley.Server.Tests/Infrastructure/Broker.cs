using System.Diagnostics;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The project's RabbitMQ node (scripts/rabbitmq, started by scripts/test). Each user of it gets its own virtual
/// host with the least-privilege users of scripts/rabbitmq-setup, so test classes cannot take each other's messages.
/// </summary>
public static class Broker
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Fails (never skips) when the broker of scripts/test is not there.</summary>
    public static void Require() => _ = Transport.RabbitMqTestBroker.CoreUri;

    /// <summary>A fresh virtual host with the core user and one user per edge; returns their amqp URIs.</summary>
    public static async Task<BrokerVhost> CreateVhostAsync(params string[] edges)
    {
        Require();
        var vhost = "t-" + Guid.NewGuid().ToString("N")[..12];
        var setup = new List<string> { "--vhost", vhost };
        foreach (var edge in edges)
        {
            setup.Add("--edge");
            setup.Add(edge);
        }

        await ScriptAsync("rabbitmq-setup", [.. setup]);
        var core = (await ScriptAsync("rabbitmq", ["url", "--core"], vhost)).Trim();
        var edgeUris = new Dictionary<string, string>();
        foreach (var edge in edges)
        {
            edgeUris[edge] = (await ScriptAsync("rabbitmq", ["url", "--edge", edge], vhost)).Trim();
        }

        return new BrokerVhost(vhost, core, edgeUris);
    }

    /// <summary>Stops and starts the broker node (what a broker host's restart does to the clients).</summary>
    public static Task RestartAsync() => ScriptAsync("rabbitmq", "restart");

    /// <summary>Runs scripts/NAME and returns its standard output; fails with its output when it fails.</summary>
    public static Task<string> ScriptAsync(string script, params string[] arguments) => ScriptAsync(script, arguments, vhost: null);

    /// <param name="vhost">For scripts/rabbitmq url: whose virtual host (PARLEY_RABBITMQ_VHOST).</param>
    public static async Task<string> ScriptAsync(string script, IEnumerable<string> arguments, string? vhost)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot, "scripts", script))
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (vhost is not null)
        {
            start.Environment["PARLEY_RABBITMQ_VHOST"] = vhost;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"scripts/{script} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await error}{await output}");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Parley.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Parley.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A virtual host of its own, with the core's and each edge's URI; disposing deletes it.</summary>
public sealed record BrokerVhost(string Name, string CoreUri, IReadOnlyDictionary<string, string> EdgeUris) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await Broker.ScriptAsync("rabbitmq", "ctl", "delete_vhost", Name);
}

/// <summary>Tests that restart the broker, or would be disturbed by a restart, run one at a time, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerCollection
{
    public const string Name = "broker";
}
