namespace Parley.Server.Reporting;

/// <summary>
/// One span of an agent's activity timeline (<c>GET /api/v1/reports/agents/{username}/activity</c>): the state from
/// <see cref="Start"/> to <see cref="End"/> (null while it lasts), begun by the fact <see cref="Kind"/> (signedIn,
/// signedOut, presence, wrapUpStarted…).
/// </summary>
public sealed record AgentActivityRow(
    DateTimeOffset Start,
    DateTimeOffset? End,
    double Seconds,
    string Kind,
    string Presence,
    string? Reason,
    string Status,
    int Active,
    int Capacity);
