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

    /// <summary>Every conversation not ended, oldest first: what routing holds again after a start.</summary>
    public async Task<List<OpenConversation>> OpenAsync(CancellationToken cancellationToken)
    {
        var open = await context.Conversations.AsNoTracking()
            .Where(c => c.State != ConversationState.Ended)
            .Select(c => new OpenConversation(c.Id, c.Queue, c.State, c.AgentUsername, c.StartedAt, c.AssignedAt, c.Answers))
            .ToListAsync(cancellationToken);
        return [.. open.OrderBy(c => c.StartedAt)]; // SQLite cannot ORDER BY DateTimeOffset.
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
