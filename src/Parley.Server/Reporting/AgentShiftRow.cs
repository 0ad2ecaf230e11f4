namespace Parley.Server.Reporting;

/// <summary>
/// One shift (<c>GET /api/v1/reports/shifts</c>): <see cref="Day"/> is the local date it started on, where a 1d report
/// puts all of its figures; <see cref="End"/> is null while the agent is still signed in.
/// </summary>
public sealed record AgentShiftRow(
    string Agent,
    string DisplayName,
    DateTimeOffset IntervalStart,
    string Day,
    DateTimeOffset Start,
    DateTimeOffset? End,
    double DurationSeconds,
    double SignedInSeconds,
    int SignIns);
