using Parley.Server.Contracts;

namespace Parley.Server.Storage;

/// <summary>
/// What a history search asks for, already checked: the words (<see cref="Text"/>, null: any conversation), the filters
/// (each null: not filtered), and the page (1-based). <see cref="To"/> is exclusive. <see cref="ConversationId"/> asks
/// about one conversation (may this account read it?).
/// </summary>
public sealed record HistoryFilter(
    string? Text = null, string? Queue = null, string? Agent = null, DateTimeOffset? From = null, DateTimeOffset? To = null, ConversationState? State = null,
    string? Tag = null, string? WrapUp = null, int? Rating = null, int Page = 1, int PageSize = 20, Guid? ConversationId = null);

/// <summary>
/// Which conversations an account may find, decided from the account as it is now: <see cref="All"/> (an admin), or
/// those <see cref="Agent"/> is or was assigned to, the other conversations of the customers they hold now (same signed
/// visitor id), and every conversation of <see cref="Queues"/> (the queues a supervisor supervises).
/// </summary>
public sealed record HistoryScope(bool All, string? Agent, IReadOnlyCollection<string> Queues)
{
    public static HistoryScope Everything { get; } = new(true, null, []);
}

/// <summary>One conversation found, as stored (the caller names its agent).</summary>
public sealed record HistoryRow(Guid Id, string Queue, string CustomerName, string? AgentUsername, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, ConversationState State, string? Snippet);
