namespace Parley.Server.Agents;

/// <summary>
/// The query string of <c>GET /api/v1/agent/conversations</c>, as typed: <see cref="ConversationHistory"/> checks every
/// field and answers a problem naming the bad ones (a framework binding error would say less).
/// </summary>
public sealed record HistorySearch(
    string? Q = null, string? Queue = null, string? Agent = null, string? From = null, string? To = null, string? State = null, string? Tag = null,
    string? WrapUp = null, string? Rating = null, string? Page = null, string? PageSize = null);

/// <summary>One conversation in the history's results.</summary>
public sealed record HistoryItem(
    Guid ConversationId, string Queue, string CustomerName, string? Agent, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string State, string? Snippet);

/// <summary>A page of results, newest first; <see cref="HasMore"/> says whether another page follows.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryItem> Items, int Page, int PageSize, bool HasMore);
