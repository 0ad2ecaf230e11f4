namespace Parley.Server.Reporting;

/// <summary>
/// One queue in one interval (<c>GET /api/v1/reports/queues</c>, the queue pages, the export). Seconds are means unless
/// named otherwise; a figure with nothing to measure is null. Business-hours figures are null where the queue has no
/// calendar. docs/reporting.md gives every formula.
/// </summary>
public sealed record QueueReportRow(
    string Queue,
    DateTimeOffset IntervalStart,
    int Offered,
    int Arrivals,
    int TransfersIn,
    int OverflowsIn,
    int Returned,
    int OffersToAgents,
    int Answered,
    int AnsweredWithinServiceLevel,
    int Abandoned,
    int ShortAbandoned,
    int Expired,
    int TransfersOut,
    int TransfersToAgent,
    int OverflowsOut,
    double? ServiceLevel,
    double ServiceLevelTarget,
    int ServiceLevelSeconds,
    double? AsaSeconds,
    double? AsaP90Seconds,
    double? LongestWaitSeconds,
    double? FirstResponseSeconds,
    double? FirstResponseP90Seconds,
    int Handled,
    double? HandleSeconds,
    double? HandleP90Seconds,
    double? AhtSeconds,
    int Ended,
    int SurveysOffered,
    int Ratings,
    double? Satisfaction,
    double? SurveyResponseRate,
    int Rated1,
    int Rated2,
    int Rated3,
    int Rated4,
    int Rated5,
    double? BusinessAsaSeconds,
    double? BusinessAsaP90Seconds,
    double? BusinessHandleSeconds);
