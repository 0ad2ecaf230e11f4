using Microsoft.EntityFrameworkCore;
using Parley.Server.Contracts;
using Parley.Server.Files;
using Parley.Server.Queues;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>
/// A file sent in a conversation, by its customer or its agent: taken in by the file engine (type from the content,
/// limits, scanner, stored with its preview), then appended to the conversation as the sender's message, whose text is
/// the file's safe name (what a client that does not know attachments shows).
/// </summary>
public sealed class ConversationAttachments(
    ConversationLog log, FileIntake intake, AttachmentLinks links, QueueCatalog queues, IDbContextFactory<ParleyDbContext> db)
{
    /// <param name="agentUsername">The agent sending (it must be their chat), or null for the customer.</param>
    public async Task<AttachmentAccepted> SendAsync(
        Guid conversationId, MessageSender sender, string? senderName, string? clientMessageId, string? fileName, byte[] content, string? agentUsername, CancellationToken cancellationToken)
    {
        clientMessageId ??= Guid.NewGuid().ToString("N");
        if (MessageText.CheckClientMessageId(clientMessageId) is { } error)
        {
            throw new CoreException(CoreError.Invalid, error);
        }

        // Refused early when it cannot be appended, so no file is stored for nothing (the log checks again under the lock).
        var conversation = await log.FindAsync(conversationId, cancellationToken) ?? throw new CoreException(CoreError.NotFound, "There is no such conversation.");
        if (conversation.State == ConversationState.Ended)
        {
            throw new CoreException(CoreError.Ended, "This conversation has ended.");
        }

        var audience = agentUsername is null ? LinkAudience.Customer : LinkAudience.Agent;
        if (await EarlierAsync(conversationId, clientMessageId, sender, audience, cancellationToken) is { } earlier)
        {
            // A resend of a stored attachment (a retried upload): the first answer again, and no second file stored.
            return earlier;
        }

        var file = await intake.TakeAsync(fileName, content, queues.Find(conversation.Queue), cancellationToken);
        MessageAccepted accepted;
        try
        {
            accepted = await log.AppendAsync(conversationId, sender, senderName, clientMessageId, file.Name, agentUsername, cancellationToken, attachment: file);
        }
        catch (CoreException)
        {
            // Refused under the lock (the chat ended meanwhile, it is no longer the agent's): nothing will ever refer to
            // the file. Any other failure may or may not have been stored: the sweep (OrphanedFileSweep) decides later.
            await intake.DiscardAsync(file.Id);
            throw;
        }

        var view = links.ViewOf(file.Id, file.Name, file.Type.ContentType, file.Size, audience);
        return new AttachmentAccepted(file.Id, view.Url, view.ContentType, view.Size, accepted.Seq, accepted.SentAt, view.Name, view.PreviewUrl);
    }

    /// <summary>The attachment message this clientMessageId already stored, as it was answered; null when there is none.</summary>
    private async Task<AttachmentAccepted?> EarlierAsync(Guid conversationId, string clientMessageId, MessageSender sender, LinkAudience audience, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        if (await new ConversationQueries(context).ByClientMessageIdAsync(conversationId, clientMessageId, cancellationToken) is not { } earlier)
        {
            return null;
        }

        if (earlier.Sender != sender || earlier.AttachmentId is not { } id)
        {
            throw new CoreException(CoreError.Invalid, "This clientMessageId is already used in this conversation.");
        }

        var view = links.ViewOf(id, earlier.AttachmentName ?? "", earlier.AttachmentType ?? "application/octet-stream", earlier.AttachmentSize ?? 0, audience);
        return new AttachmentAccepted(id, view.Url, view.ContentType, view.Size, earlier.Seq, earlier.SentAt, view.Name, view.PreviewUrl);
    }
}
