using Parley.Server.Tests.Edges;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Hosting;

/// <summary>What the server prints once it listens: an edge names its liveness path, never the core's health report.</summary>
public sealed class StartupBannerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_edge_prints_its_liveness_path_and_not_healthz()
    {
        await using var edge = new ServerProcess(RoleTests.Edge());
        await edge.StartAsync();

        await edge.WaitForOutputAsync("Liveness:", Patience);

        Assert.Contains($"    Liveness:                    {edge.BaseAddress}livez", edge.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("healthz", edge.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_all_in_one_server_prints_its_health_report_as_the_README_shows()
    {
        await using var server = new ServerProcess(new Dictionary<string, string?>());
        await server.StartAsync();

        await server.WaitForOutputAsync("Health:", Patience);

        Assert.Contains($"    Health:                      {server.BaseAddress}healthz", server.Output, StringComparison.Ordinal);
        var readme = File.ReadAllText(Path.Combine(Broker.RepositoryRoot, "README.md"));
        Assert.Contains("   Health:                      http://localhost:5000/healthz", readme, StringComparison.Ordinal);
    }
}
