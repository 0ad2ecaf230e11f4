namespace Parley.Server.Reporting;

/// <summary>
/// One conversation (<c>GET /api/v1/reports/conversations</c>: the drill-down and the export). Durations in seconds,
/// summed over the chat's queues and agents; business-hours ones null where the queue has no calendar.
/// </summary>
public sealed record ConversationReportRow(
    Guid Id,
    string FirstQueue,
    string LastQueue,
    string? Medium,
    string? Site,
    string? Edge,
    DateTimeOffset QueuedAt,
    DateTimeOffset? AnsweredAt,
    string? Agent,
    double WaitSeconds,
    double? FirstResponseSeconds,
    double? HandleSeconds,
    double? WrapUpSeconds,
    DateTimeOffset? EndedAt,
    string? EndedBy,
    string Outcome,
    bool ShortAbandon,
    int Transfers,
    int Overflows,
    int? Rating,
    double? BusinessWaitSeconds,
    double? BusinessHandleSeconds,
    string? WrapUpCode = null,
    IReadOnlyList<string>? Tags = null);
