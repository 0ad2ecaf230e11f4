using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>
/// The customer's context for the agent: what the widget said at the start (stored with the conversation), whether
/// the visitor came back (derived from earlier chats with the same signed visitor id), and whether the page is still
/// in front of them (the widget's reports, held in memory while the chat is open: unknown after a restart until the
/// widget reports again, which it does when its edge sees the core come back).
/// </summary>
public sealed class CustomerContexts(ConversationLog log, IAgentNotifier agents, IDbContextFactory<ParleyDbContext> db, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, CustomerPageState> _pages = new();

    /// <summary>The bounded context to store with a new conversation; null when the widget said nothing usable.</summary>
    public static CustomerContextRecord? RecordOf(CustomerContext? context) => CustomerContextBounds.Bound(context) is { } bounded
        ? new CustomerContextRecord
        {
            PageUrl = bounded.PageUrl,
            PageTitle = bounded.PageTitle,
            Referrer = bounded.Referrer,
            UserAgent = bounded.UserAgent,
            Brands = bounded.Brands?.ToList(),
            Platform = bounded.Platform,
            UtcOffsetMinutes = bounded.UtcOffsetMinutes,
        }
        : null;

    /// <summary>
    /// Keeps the page's visibility of an open chat as <paramref name="edge"/> reports it (the customer may have tabs on
    /// two edges) and tells the agent holding it when the combined visibility changed (a report sent twice, or again
    /// after a reconnect, keeps the first time). Reports about a chat that is not open are ignored.
    /// </summary>
    public async Task<Done> PageVisibilityAsync(CustomerPageVisibility report, string edge, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(report.Visibility))
        {
            throw new CoreException(CoreError.Invalid, "The visibility must be visible, hidden or left.");
        }

        if (log.FindOpen(report.ConversationId) is not { } conversation)
        {
            return Done.Instance;
        }

        var now = time.GetUtcNow();
        var state = _pages.AddOrUpdate(report.ConversationId, _ => CustomerPageState.First(edge, report.Visibility, now),
            (_, old) => old.With(edge, report.Visibility, now));
        if (state.Since == now && conversation is { State: ConversationState.Assigned, AgentUsername: { } agent })
        {
            await agents.SendAsync(agent, new CustomerPageView(report.ConversationId, state.Visibility, state.Since));
        }

        return Done.Instance;
    }

    /// <summary>
    /// <paramref name="edge"/> went offline: what it reported no longer says anything (its customers may have closed
    /// their tabs while it could not tell). A chat no other edge reports on becomes unknown again, and its agent is told,
    /// rather than keeping a page state that may be wrong; the widgets report again once their edge is back.
    /// </summary>
    public async Task EdgeLostAsync(string edge)
    {
        foreach (var (conversationId, old) in _pages)
        {
            if (!old.Edges.ContainsKey(edge))
            {
                continue;
            }

            var now = time.GetUtcNow();
            var next = old.Without(edge, now);
            // A report that came in meanwhile wins: it is newer than the edge going quiet.
            var replaced = next is null ? _pages.TryRemove(KeyValuePair.Create(conversationId, old)) : _pages.TryUpdate(conversationId, next, old);
            if (replaced && next?.Since != old.Since
                && log.FindOpen(conversationId) is { State: ConversationState.Assigned, AgentUsername: { } agent })
            {
                await agents.SendAsync(agent, new CustomerPageView(conversationId, next?.Visibility, next?.Since ?? now));
            }
        }
    }

    /// <summary>The chat has ended: its page no longer matters.</summary>
    public void Forget(Guid conversationId) => _pages.TryRemove(conversationId, out _);

    public async Task<CustomerContextView> ViewAsync(ConversationRecord conversation, CancellationToken cancellationToken)
    {
        var (earlier, last) = await EarlierChatsAsync(conversation, cancellationToken);
        var context = conversation.CustomerContext;
        var page = _pages.TryGetValue(conversation.Id, out var state) ? state : null;
        return new CustomerContextView(
            conversation.Id, context?.PageUrl, context?.PageTitle, context?.Referrer, context?.UserAgent,
            BrowserClassifier.Browser(context?.UserAgent), BrowserClassifier.OperatingSystem(context?.UserAgent, context?.Platform),
            conversation.TimeZone, context?.UtcOffsetMinutes, earlier > 0, earlier, last, page?.Visibility, page?.Since);
    }

    /// <summary>
    /// Chats started before this one with the same visitor id. A first visit gets a fresh id from the edge, so only a
    /// valid signed visitor token can match: a typed name or e-mail never makes a returning visitor.
    /// </summary>
    private async Task<(int Count, DateTimeOffset? Last)> EarlierChatsAsync(ConversationRecord conversation, CancellationToken cancellationToken)
    {
        if (conversation.VisitorId is not { } visitor)
        {
            return (0, null);
        }

        await using var context = await db.CreateDbContextAsync(cancellationToken);
        // Few rows per visitor: compared here, SQLite cannot compare DateTimeOffset in SQL.
        var starts = await context.Conversations.AsNoTracking()
            .Where(c => c.VisitorId == visitor && c.Id != conversation.Id && c.Kind == ConversationKind.Chat)
            .Select(c => c.StartedAt)
            .ToListAsync(cancellationToken);
        var earlier = starts.Where(s => s < conversation.StartedAt).ToList();
        return (earlier.Count, earlier.Count > 0 ? earlier.Max() : null);
    }
}
