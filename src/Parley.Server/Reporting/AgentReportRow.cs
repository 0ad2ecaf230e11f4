namespace Parley.Server.Reporting;

/// <summary>
/// One agent in one interval of the agents report (<c>GET /api/v1/reports/agents</c>). With interval 1d or 1w the
/// figures of a shift are all in the day (week) the shift started. Durations in seconds; docs/reporting.md (agent reports) has
/// every formula. <see cref="Reasons"/> flattens the time per away and do-not-disturb reason:
/// <c>away:Lunch=1800;doNotDisturb:Training=600</c> (seconds, by presence then reason).
/// </summary>
public sealed record AgentReportRow(
    string Agent,
    string DisplayName,
    DateTimeOffset IntervalStart,
    int Offers,
    int Declines,
    int OffersTimedOut,
    int ChatsAccepted,
    int ChatsHandled,
    double? HandleSeconds,
    double? HandleP90Seconds,
    double? WrapUpWorkSeconds,
    double? AhtSeconds,
    double? FirstResponseSeconds,
    double? FirstResponseP90Seconds,
    int Transfers,
    double? Satisfaction,
    int Ratings,
    double SignedInSeconds,
    double AvailableSeconds,
    double ReadySeconds,
    double BusySeconds,
    double WrapUpSeconds,
    double ExternalBusySeconds,
    double AwaySeconds,
    double DoNotDisturbSeconds,
    double OfflineSeconds,
    double SlotSecondsUsed,
    double SlotSecondsAvailable,
    double? Occupancy,
    string Reasons);
