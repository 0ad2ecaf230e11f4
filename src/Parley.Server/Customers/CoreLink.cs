namespace Parley.Server.Customers;

/// <summary>
/// The edge's view of its path to the core, from the heartbeats' answers. Not a health check: an edge answers only
/// the liveness path; the core's <c>/healthz</c> reports its edges.
/// </summary>
public sealed class CoreLink
{
    private volatile Reading? _last;
    private Guid? _coreInstance;

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

    /// <summary>
    /// Records the core's instance from an answered heartbeat; true when it differs from the one before: the core
    /// restarted between two heartbeats (called from the one heartbeat loop).
    /// </summary>
    public bool CoreRestarted(Guid? instance)
    {
        var before = _coreInstance;
        _coreInstance = instance ?? before;
        return before is not null && instance is not null && before != instance;
    }

    private sealed record Reading(bool Answered, DateTimeOffset? AnsweredAt);
}
