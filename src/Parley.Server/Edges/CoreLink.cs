using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Parley.Server.Edges;

/// <summary>The edge's view of its path to the core, from the heartbeats' answers (health check <c>core</c>).</summary>
public sealed class CoreLink : IHealthCheck
{
    private volatile Reading? _last;

    /// <summary>When the core last answered a heartbeat; null if it never has.</summary>
    public DateTimeOffset? LastAnswer => _last?.AnsweredAt;

    /// <summary>Whether the last heartbeat was answered.</summary>
    public bool Reachable => _last?.Answered ?? false;

    /// <summary>Records one heartbeat; true when reachability changed.</summary>
    public bool Record(bool answered, DateTimeOffset at)
    {
        var before = _last;
        _last = new Reading(answered, answered ? at : before?.AnsweredAt);
        return before is null || before.Answered != answered;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_last switch
        {
            { Answered: true } => HealthCheckResult.Healthy("The core answers."),
            { AnsweredAt: { } at } => HealthCheckResult.Degraded($"The core has not answered since {at:O}; customers are asked to retry."),
            _ => HealthCheckResult.Degraded("No answer from the core yet."),
        });

    private sealed record Reading(bool Answered, DateTimeOffset? AnsweredAt);
}
