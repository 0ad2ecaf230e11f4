using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>
/// The open conversations in memory, so a message costs no database read: rebuilt at start-up
/// (<see cref="LoadAsync"/>), added when a chat starts, dropped when it ends, and loaded on first use otherwise. The
/// database stays the truth (every change is committed before memory moves) and its unique indexes the last line of
/// defence. One core owns the database, so nothing else changes these rows meanwhile.
/// </summary>
public sealed class OpenConversations(IDbContextFactory<ParleyDbContext> db, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, LiveConversation> _open = new();

    // The open ones of kind message (few): their list is read every few seconds by each desk, so it must not scan all.
    private readonly ConcurrentDictionary<Guid, byte> _messages = new();

    public int Count => _open.Count;

    /// <summary>Every open conversation held in memory now (a moment's view; the workflow's watch scans it).</summary>
    public IEnumerable<LiveConversation> All => _open.Values;

    /// <summary>The rows of the open conversations of kind message, from memory (each as it was when read).</summary>
    public IEnumerable<ConversationRecord> Messages() =>
        _messages.Keys.Select(id => _open.TryGetValue(id, out var live) ? live.Conversation : null).OfType<ConversationRecord>();

    /// <summary>Holds every open conversation again; answers what routing needs of them.</summary>
    public async Task<IReadOnlyList<OpenConversation>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var states = await new ConversationQueries(context).OpenStatesAsync(cancellationToken);
        foreach (var state in states)
        {
            Hold(new LiveConversation(state.Conversation, state.LastSeq, state.ClientMessageIds, time.GetUtcNow()));
        }

        return [.. states.Select(s => OpenConversation.Of(s.Conversation))];
    }

    /// <summary>
    /// The conversation, with the caller holding its lock: from memory, else from the database (kept in memory if it
    /// is open). An ended one is read each time and not kept.
    /// </summary>
    public async Task<LiveConversation?> GetLockedAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        if (_open.TryGetValue(conversationId, out var live))
        {
            return live;
        }

        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var queries = new ConversationQueries(context);
        if (await queries.FindAsync(conversationId, cancellationToken) is not { } conversation)
        {
            return null;
        }

        var open = conversation.State != Contracts.ConversationState.Ended;
        live = new LiveConversation(conversation, await queries.LastSeqAsync(conversationId, cancellationToken),
            open ? await queries.ClientMessageIdsAsync(conversationId, cancellationToken) : [], time.GetUtcNow());
        if (open)
        {
            Hold(live);
        }

        return live;
    }

    /// <summary>The open conversation held in memory, or null (without its lock: read it, never change it).</summary>
    public LiveConversation? Live(Guid conversationId) => _open.GetValueOrDefault(conversationId);

    /// <summary>The row of an open conversation, from memory; null if it is not open (or never was).</summary>
    public ConversationRecord? FindOpen(Guid conversationId) => _open.TryGetValue(conversationId, out var live) ? live.Conversation : null;

    /// <summary>The conversation's row, without its lock: from memory if it is open, else from the database.</summary>
    public async Task<ConversationRecord?> FindAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        if (_open.TryGetValue(conversationId, out var live))
        {
            return live.Conversation;
        }

        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await new ConversationQueries(context).FindAsync(conversationId, cancellationToken);
    }

    /// <summary>The row and its last seq (a customer's view of the chat), without the lock.</summary>
    public async Task<(ConversationRecord Conversation, long LastSeq)?> FindWithLastSeqAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        if (_open.TryGetValue(conversationId, out var live))
        {
            // Read the seq first: a message committed in between makes the seq lag the row, never run ahead of it.
            var lastSeq = live.LastSeq;
            return (live.Conversation, lastSeq);
        }

        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var queries = new ConversationQueries(context);
        return await queries.FindAsync(conversationId, cancellationToken) is { } conversation
            ? (conversation, await queries.LastSeqAsync(conversationId, cancellationToken))
            : null;
    }

    /// <summary>A new conversation was committed (under its lock).</summary>
    public LiveConversation Started(ConversationRecord conversation, long lastSeq) => Hold(new LiveConversation(conversation, lastSeq, [], conversation.StartedAt));

    /// <summary>The conversation's end was committed (under its lock): nothing in memory outlives it.</summary>
    public void Ended(Guid conversationId)
    {
        _open.TryRemove(conversationId, out _);
        _messages.TryRemove(conversationId, out _);
    }

    private LiveConversation Hold(LiveConversation live)
    {
        _open[live.Conversation.Id] = live;
        if (live.Conversation.Kind == Contracts.ConversationKind.Message)
        {
            _messages[live.Conversation.Id] = 0;
        }

        return live;
    }
}
