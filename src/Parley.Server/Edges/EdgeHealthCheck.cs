using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Parley.Server.Edges;

/// <summary>
/// The core's health check <c>edges</c>: Degraded while a known edge is offline, naming each; Healthy when all are
/// online or none was ever seen. An edge taken away for good counts until it is forgotten (<see cref="Transport.EdgeOptions.ForgetOfflineAfter"/>).
/// </summary>
public sealed class EdgeHealthCheck(EdgeDirectory directory, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var edges = directory.List();
        var now = time.GetUtcNow();
        var offline = edges.Where(e => !e.Online)
            .Select(e => $"{e.Edge.Name} ({e.Edge.Site}), no heartbeat for {(long)(now - e.Edge.LastHeartbeat).TotalSeconds} s")
            .ToList();
        return Task.FromResult(offline.Count == 0
            ? HealthCheckResult.Healthy(edges.Count == 0 ? "No edge has announced itself." : $"{edges.Count} edge(s) online.")
            : HealthCheckResult.Degraded($"Offline: {string.Join("; ", offline)}."));
    }
}
