using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Accounts;
using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.Queues;
using Parley.Server.Storage;

namespace Parley.Server.Agents;

/// <summary>
/// The conversation history: who may find and read which conversation (the account's roles and queues as they are now:
/// an admin every conversation; anyone else those they are or were assigned to, the earlier chats of the customers they
/// hold now, and a supervisor every conversation of the queues they supervise), and the search over them.
/// </summary>
public sealed class ConversationHistory(IDbContextFactory<ParleyDbContext> db, AgentDirectory directory, SupervisorScope supervisors, QueueCatalog queues)
{
    public const int MaxPageSize = 100;
    public const int MaxWordsLength = 200;

    /// <summary>What <paramref name="username"/> may find now.</summary>
    public HistoryScope ScopeOf(string username) =>
        directory.HasRole(username, AgentRoles.Admins) ? HistoryScope.Everything : new HistoryScope(false, username, supervisors.SupervisedQueues(username));

    /// <summary>Whether <paramref name="username"/> may read this conversation now.</summary>
    public async Task<bool> MayReadAsync(string username, Guid conversationId, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await new ConversationHistoryQueries(context).IsVisibleAsync(conversationId, ScopeOf(username), cancellationToken);
    }

    /// <summary>A page of the conversations <paramref name="username"/> may find that match; or the fields that are not valid.</summary>
    public async Task<CoreResult<HistoryPage>> SearchAsync(string username, HistorySearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var errors = new Dictionary<string, string[]>();
        var filter = FilterOf(search, errors);
        if (errors.Count > 0)
        {
            return new(null, new CoreFailure(CoreError.Invalid, "Some filters are not valid.", errors));
        }

        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var (rows, more) = await new ConversationHistoryQueries(context).SearchAsync(filter, ScopeOf(username), cancellationToken);
        var items = rows.Select(r => new HistoryItem(
            r.Id, r.Queue, r.CustomerName, r.AgentUsername is { } agent ? directory.DisplayName(agent) : null, r.StartedAt, r.EndedAt,
            r.State.ToString().ToLowerInvariant(), r.Snippet)).ToList();
        return new(new HistoryPage(items, filter.Page, filter.PageSize, more), null);
    }

    private HistoryFilter FilterOf(HistorySearch s, Dictionary<string, string[]> errors)
    {
        void Bad(string field, string message) => errors[field] = [message];
        static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        var words = Given(s.Q);
        if (words is { Length: > MaxWordsLength })
        {
            Bad("q", $"Search for at most {MaxWordsLength} characters.");
        }

        var queue = Given(s.Queue);
        if (queue is not null && queues.Find(queue) is null)
        {
            Bad("queue", $"There is no queue named '{queue}'.");
        }

        var agent = Given(s.Agent);
        if (agent is not null && directory.Find(agent) is null)
        {
            Bad("agent", $"There is no agent named '{agent}'.");
        }

        var from = Instant(Given(s.From), "from", endOfDay: false, Bad);
        var to = Instant(Given(s.To), "to", endOfDay: true, Bad);
        if (from is not null && to is not null && to <= from)
        {
            Bad("to", "Say a time after 'from'.");
        }

        ConversationState? state = null;
        if (Given(s.State) is { } named)
        {
            if (Enum.TryParse<ConversationState>(named, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(named, out _))
            {
                state = parsed;
            }
            else
            {
                Bad("state", "Say queued, assigned or ended.");
            }
        }

        string? tag = null;
        if (Given(s.Tag) is { } typed && (tag = TagName.Normalize(typed)) is null)
        {
            Bad("tag", "Not a tag.");
        }

        var wrapUp = Given(s.WrapUp);
        if (wrapUp is { Length: > 32 })
        {
            Bad("wrapUp", "Not a wrap-up code.");
        }

        var rating = Number(Given(s.Rating), "rating", 1, 5, null, Bad);
        var page = Number(Given(s.Page), "page", 1, 100_000, 1, Bad) ?? 1;
        var pageSize = Number(Given(s.PageSize), "pageSize", 1, MaxPageSize, 20, Bad) ?? 20;
        return new HistoryFilter(words, queue, agent, from, to, state, tag, wrapUp, rating, page, pageSize);
    }

    /// <summary>An ISO 8601 time with its offset, or a date (UTC): from its start, or for <c>to</c> up to its end.</summary>
    private static DateTimeOffset? Instant(string? value, string field, bool endOfDay, Action<string, string> bad)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1) : start;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }

        bad(field, "Say a date (2026-12-07) or a time with its offset (2026-12-07T09:30:00Z).");
        return null;
    }

    private static int? Number(string? value, string field, int min, int max, int? none, Action<string, string> bad)
    {
        if (value is null)
        {
            return none;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        bad(field, $"Say a whole number from {min} to {max}.");
        return none;
    }
}
