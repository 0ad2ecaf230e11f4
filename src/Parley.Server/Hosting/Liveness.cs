using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Parley.Server.Hosting;

/// <summary>
/// The liveness path every role answers: 200 text/plain "Healthy", Cache-Control no-store (the platform's health
/// check response), with no check run — so it names neither the core link nor the database nor a version, and is
/// safe to probe from a load balancer and harmless if a proxy publishes it. The health report is <c>/healthz</c>, the core's.
/// </summary>
public static class Liveness
{
    public const string Path = "/livez";

    public static HealthCheckOptions Options { get; } = new() { Predicate = _ => false };
}
