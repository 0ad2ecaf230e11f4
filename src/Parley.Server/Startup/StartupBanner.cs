using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Parley.Server.Hosting;

namespace Parley.Server.Startup;

/// <summary>Prints where to go once the server listens (and the generated demo password, this once).</summary>
internal sealed class StartupBanner(IServer server, IHostApplicationLifetime lifetime, StartupReport report, ParleyRole role, Microsoft.Extensions.Options.IOptions<Transport.EdgeOptions> edge)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        var root = address.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal).TrimEnd('/');
        var lines = new List<string>
        {
            "",
            role.Name switch
            {
                ParleyRoles.Edge => $"  Parley edge '{edge.Value.Name}' is running (customer side only).",
                ParleyRoles.Core => "  Parley core is running (agents, admin; customers reach it through the edges).",
                _ => "  Parley is running.",
            },
        };
        if (role.HasEdge)
        {
            lines.Add($"    Demo page (customer widget): {root}/");
        }

        if (role.HasCore)
        {
            lines.Add($"    Agent desktop:               {root}/agent");
            lines.Add($"    Admin:                       {root}/admin");
        }

        // An edge has no health report (the core's /healthz covers the edges): it names the liveness path.
        lines.Add(role.HasCore ? $"    Health:                      {root}/healthz" : $"    Liveness:                    {root}{Liveness.Path}");
        if (role.HasCore)
        {
            lines.Add($"    OpenAPI:                     {root}/openapi/v1.json");
        }

        if (report.DemoSeeded)
        {
            lines.Add("  Demo agents: alice, bob (agents), admin (admin).");
            lines.Add(report.GeneratedDemoPassword is { } password
                ? $"  Their password (generated, shown only this once): {password}"
                : "  Their password: the value of Parley:Demo:AgentPassword.");
        }
        else if (report.DemoPasswordIgnored)
        {
            lines.Add("  Parley:Demo:AgentPassword is set, but it only applies when the demo data is first created (this database already existed).");
            lines.Add("  To set a password now: echo '<new password>' | parley reset-password <username>");
        }

        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
