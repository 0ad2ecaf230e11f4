namespace Parley.Server.Reporting;

/// <summary>
/// A queue's figures for the wallboard: today (since local midnight in the wallboard's zone) and the last 30 minutes.
/// Service levels are null while nothing counts in them. The live figures (waiting now, agents) come from the live board.
/// </summary>
public sealed record WallboardQueueRow(
    string Queue,
    string DisplayName,
    double? ServiceLevelToday,
    double? ServiceLevelLast30Minutes,
    double ServiceLevelTarget,
    int ServiceLevelSeconds,
    double? AsaSecondsToday,
    int AbandonedToday,
    int AnsweredToday,
    int HandledToday,
    int OfferedToday);
