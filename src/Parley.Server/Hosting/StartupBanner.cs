using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Parley.Server.Hosting;

/// <summary>Prints where to go once the server listens (and the generated demo password, this once).</summary>
internal sealed class StartupBanner(IServer server, IHostApplicationLifetime lifetime, StartupReport report) : IHostedService
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
            "  Parley is running.",
            $"    Demo page (customer widget): {root}/",
            $"    Agent desktop:               {root}/agent",
            $"    Admin:                       {root}/admin",
            $"    Health:                      {root}/healthz",
            $"    OpenAPI:                     {root}/openapi/v1.json",
        };
        if (report.DemoSeeded)
        {
            lines.Add("  Demo agents: alice, bob (agents), admin (admin).");
            lines.Add(report.GeneratedDemoPassword is { } password
                ? $"  Their password (generated, shown only this once): {password}"
                : "  Their password: the value of Parley:Demo:AgentPassword.");
        }

        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
