using Microsoft.EntityFrameworkCore;
using Parley.Server.Files;
using Parley.Server.Storage;

namespace Parley.Server.Privacy;

/// <summary>
/// Removes ended conversations with everything that hangs off them — messages, internal notes and whispers, tags,
/// wrap-up codes, assignments, the rating and its comment, transcript requests and every e-mail about them, and their
/// search index rows (the index's triggers follow the deletes) — in one transaction, then their
/// files from the store. What a search could find goes with the rows. The reporting facts stay: they name no customer
/// (queues, agents, times, outcomes), so the figures stay right. Retention and erasure both end here.
/// </summary>
public sealed partial class ConversationPurge(IDbContextFactory<ParleyDbContext> db, IFileStore files, WriteTurns turns, ILogger<ConversationPurge> logger)
{
    /// <summary>Purges the conversations among <paramref name="ids"/> that have ended; open ones are left alone.</summary>
    public async Task<PurgeCount> PurgeAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return PurgeCount.None;
        }

        List<Guid> fileIds;
        PurgeCount count;
        await using (var context = await db.CreateDbContextAsync(cancellationToken))
        {
            // SQLite's one writer is taken in turn with the group commit, so messages are not kept waiting behind it.
            using var turn = await turns.TakeAsync(cancellationToken);
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            // Read inside the transaction: a conversation still open now is not touched.
            var ended = await context.Conversations.Where(c => ids.Contains(c.Id) && c.State == Contracts.ConversationState.Ended)
                .Select(c => c.Id).ToListAsync(cancellationToken);
            if (ended.Count == 0)
            {
                return PurgeCount.None;
            }

            fileIds = await context.Messages.Where(m => ended.Contains(m.ConversationId) && m.AttachmentId != null)
                .Select(m => m.AttachmentId!.Value).Distinct().ToListAsync(cancellationToken);
            var mailIds = await context.Mail.Where(m => m.ConversationId != null && ended.Contains(m.ConversationId.Value))
                .Select(m => m.Id).ToListAsync(cancellationToken);
            await context.Transcripts.Where(t => ended.Contains(t.ConversationId)).ExecuteDeleteAsync(cancellationToken);
            await context.Mail.Where(m => mailIds.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
            await context.Ratings.Where(r => ended.Contains(r.ConversationId)).ExecuteDeleteAsync(cancellationToken);
            await context.ConversationNotes.Where(n => ended.Contains(n.ConversationId)).ExecuteDeleteAsync(cancellationToken);
            await context.ConversationTags.Where(t => ended.Contains(t.ConversationId)).ExecuteDeleteAsync(cancellationToken);
            await context.ConversationWrapUps.Where(w => ended.Contains(w.ConversationId)).ExecuteDeleteAsync(cancellationToken);
            await context.ConversationAssignments.Where(a => ended.Contains(a.ConversationId)).ExecuteDeleteAsync(cancellationToken);
            var messages = await context.Messages.Where(m => ended.Contains(m.ConversationId)).ExecuteDeleteAsync(cancellationToken);
            await context.Conversations.Where(c => ended.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            count = new PurgeCount(ended.Count, messages, fileIds.Count, mailIds.Count);
        }

        // After the commit: a file whose rows are gone is never linked again (the orphan sweep would take it later anyway).
        foreach (var file in fileIds)
        {
            try
            {
                await files.DeleteAsync(file, CancellationToken.None);
            }
            catch (IOException e)
            {
                LogFileNotDeleted(file, e);
            }
        }

        return count;
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "The file {FileId} of a purged conversation could not be deleted; the orphaned-file sweep will try again")]
    private partial void LogFileNotDeleted(Guid fileId, Exception exception);
}

/// <summary>What a purge removed.</summary>
public sealed record PurgeCount(int Conversations, int Messages, int Files, int Mails)
{
    public static readonly PurgeCount None = new(0, 0, 0, 0);

    public PurgeCount Add(PurgeCount other) =>
        new(Conversations + other.Conversations, Messages + other.Messages, Files + other.Files, Mails + other.Mails);
}
