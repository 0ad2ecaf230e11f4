using Microsoft.EntityFrameworkCore;
using Parley.Server.Contracts;

namespace Parley.Server.Storage;

/// <summary>
/// The product's reads of conversations and messages, each named, on a context the caller owns: the product calls
/// them, and the storage specification runs these very queries on every provider.
/// </summary>
public sealed class ConversationQueries(ParleyDbContext context)
{
    /// <summary>A conversation's messages after a seq, in seq order (a transcript, a resume).</summary>
    public Task<List<MessageRecord>> MessagesAfterAsync(Guid conversationId, long afterSeq, CancellationToken cancellationToken) =>
        context.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Seq > afterSeq)
            .OrderBy(m => m.Seq)
            .ToListAsync(cancellationToken);

    /// <summary>The agent of this visitor's latest served conversation (for affinity), or null.</summary>
    public async Task<string?> LatestAgentOfVisitorAsync(string visitorId, CancellationToken cancellationToken)
    {
        // Few rows per visitor: sorted here, SQLite cannot ORDER BY DateTimeOffset.
        var served = await context.Conversations.AsNoTracking()
            .Where(c => c.VisitorId == visitorId && c.AgentUsername != null)
            .Select(c => new { c.AgentUsername, c.StartedAt })
            .ToListAsync(cancellationToken);
        return served.OrderByDescending(c => c.StartedAt).FirstOrDefault()?.AgentUsername;
    }

    /// <summary>A conversation's row, or null.</summary>
    public Task<ConversationRecord?> FindAsync(Guid conversationId, CancellationToken cancellationToken) =>
        context.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);

    /// <summary>The seq of a conversation's last message, 0 if it has none (derived: no counter is kept beside the messages).</summary>
    public async Task<long> LastSeqAsync(Guid conversationId, CancellationToken cancellationToken) =>
        await context.Messages.Where(m => m.ConversationId == conversationId).MaxAsync(m => (long?)m.Seq, cancellationToken) ?? 0;

    /// <summary>Of these attachment ids, the ones a message or a canned response refers to.</summary>
    public async Task<HashSet<Guid>> ReferencedAttachmentsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        HashSet<Guid> referenced = [.. await context.Messages.AsNoTracking().Where(m => m.AttachmentId != null && ids.Contains(m.AttachmentId.Value))
            .Select(m => m.AttachmentId!.Value).ToListAsync(cancellationToken)];
        referenced.UnionWith(await context.CannedResponses.AsNoTracking().Where(r => r.AttachmentId != null && ids.Contains(r.AttachmentId.Value))
            .Select(r => r.AttachmentId!.Value).ToListAsync(cancellationToken));
        return referenced;
    }

    /// <summary>The message in a conversation that carries this attachment, or null.</summary>
    public Task<MessageRecord?> AttachmentMessageAsync(Guid conversationId, Guid attachmentId, CancellationToken cancellationToken) =>
        context.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.ConversationId == conversationId && m.AttachmentId == attachmentId, cancellationToken);

    /// <summary>The message a sender's clientMessageId names in a conversation, or null.</summary>
    public Task<MessageRecord?> ByClientMessageIdAsync(Guid conversationId, string clientMessageId, CancellationToken cancellationToken) =>
        context.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.ConversationId == conversationId && m.ClientMessageId == clientMessageId, cancellationToken);

    /// <summary>The clientMessageIds used in a conversation (what the core keeps of an open one to answer a resend).</summary>
    public Task<List<string>> ClientMessageIdsAsync(Guid conversationId, CancellationToken cancellationToken) =>
        context.Messages.Where(m => m.ConversationId == conversationId && m.ClientMessageId != null)
            .Select(m => m.ClientMessageId!)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Every conversation not ended, oldest first, with its last seq and used clientMessageIds: what the core holds
    /// in memory again after a start (and routing queues again). Three reads, whatever the number of conversations.
    /// </summary>
    public async Task<List<OpenConversationState>> OpenStatesAsync(CancellationToken cancellationToken)
    {
        var open = await context.Conversations.AsNoTracking()
            .Where(c => c.State != ConversationState.Ended)
            .ToListAsync(cancellationToken);
        var ofOpen = context.Messages.Where(m => context.Conversations.Any(c => c.Id == m.ConversationId && c.State != ConversationState.Ended));
        var lastSeqs = await ofOpen.GroupBy(m => m.ConversationId)
            .Select(g => new { ConversationId = g.Key, Last = g.Max(m => m.Seq) })
            .ToDictionaryAsync(x => x.ConversationId, x => x.Last, cancellationToken);
        var clientIds = (await ofOpen.Where(m => m.ClientMessageId != null)
                .Select(m => new { m.ConversationId, m.ClientMessageId })
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.ConversationId, m => m.ClientMessageId!);
        return [.. open.OrderBy(c => c.StartedAt) // SQLite cannot ORDER BY DateTimeOffset.
            .Select(c => new OpenConversationState(c, lastSeqs.GetValueOrDefault(c.Id), [.. clientIds[c.Id]]))];
    }

    /// <summary>Those of these conversations that wait in a queue, by id.</summary>
    public Task<Dictionary<Guid, ConversationRecord>> QueuedAmongAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        context.Conversations.AsNoTracking()
            .Where(c => ids.Contains(c.Id) && c.State == ConversationState.Queued)
            .ToDictionaryAsync(c => c.Id, cancellationToken);

    /// <summary>The conversations assigned to an agent, first assigned first.</summary>
    public async Task<List<ConversationRecord>> AssignedToAsync(string agent, CancellationToken cancellationToken)
    {
        var open = await context.Conversations.AsNoTracking()
            .Where(c => c.AgentUsername == agent && c.State == ConversationState.Assigned)
            .ToListAsync(cancellationToken);
        open.Sort((a, b) => Nullable.Compare(a.AssignedAt, b.AssignedAt)); // SQLite cannot ORDER BY DateTimeOffset.
        return open;
    }
}
