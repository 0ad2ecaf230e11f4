namespace Parley.Server.Reporting;

/// <summary>
/// What a report covers: the rows of the intervals (in <see cref="TimeZone"/>, an IANA id) that overlap
/// [<see cref="From"/>, <see cref="To"/>), narrowed to some queues, agents, sites, edges or media (null or empty: all).
/// </summary>
public sealed record ReportFilter(
    DateTimeOffset From,
    DateTimeOffset To,
    ReportInterval Interval = ReportInterval.Minutes15,
    string TimeZone = "UTC",
    IReadOnlyList<string>? Queues = null,
    IReadOnlyList<string>? Agents = null,
    IReadOnlyList<string>? Sites = null,
    IReadOnlyList<string>? Edges = null,
    IReadOnlyList<string>? Media = null)
{
    /// <summary>The conversation report only: chats with this wrap-up code (null: all).</summary>
    public string? WrapUpCode { get; init; }

    /// <summary>The conversation report only: chats with this tag, normalised (null: all).</summary>
    public string? Tag { get; init; }
}
