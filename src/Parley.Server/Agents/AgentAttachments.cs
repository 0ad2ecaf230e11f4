using Microsoft.EntityFrameworkCore;
using Parley.Server.Accounts;
using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.Files;
using Parley.Server.Storage;

namespace Parley.Server.Agents;

/// <summary>
/// The agent's attachments: sending a file in their chat (the REST endpoint and the desk both come here), downloading
/// by the links minted for agents (on the core), and the desk's lasting addresses, each answered with a link minted now.
/// </summary>
public sealed class AgentAttachments(
    ConversationAttachments attachments, FileDownloads files, AgentDirectory directory, AgentDesk desk, AttachmentLinks links, IDbContextFactory<ParleyDbContext> db)
{
    /// <summary>Only into a chat assigned to this agent (the log checks it under the chat's lock).</summary>
    public Task<AttachmentAccepted> SendAsync(string agent, Guid conversationId, string? clientMessageId, string? fileName, byte[] content, CancellationToken cancellationToken) =>
        attachments.SendAsync(conversationId, MessageSender.Agent, directory.DisplayName(agent), clientMessageId, fileName, content, agent, cancellationToken);

    public Task<FileContent?> ReadAsync(string token, CancellationToken cancellationToken) =>
        files.ReadAsync(token, LinkAudience.Agent, cancellationToken);

    /// <summary>
    /// A signed link minted now for a file of a conversation this agent may read now (as its transcript: theirs, or any
    /// for a supervisor). A desk left open for hours renders these addresses instead of the links a message carried, so
    /// no preview or download it shows has run out; the links themselves stay signed, expiring and never stored.
    /// </summary>
    public async Task<string> FreshLinkAsync(string agent, Guid conversationId, Guid attachmentId, FileVariant variant, CancellationToken cancellationToken)
    {
        await desk.ReadableAsync(agent, conversationId, cancellationToken);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var message = await new ConversationQueries(context).AttachmentMessageAsync(conversationId, attachmentId, cancellationToken)
            ?? throw new CoreException(CoreError.NotFound, "There is no such file in this conversation.");
        var view = links.ViewOf(attachmentId, message.AttachmentName ?? "", message.AttachmentType ?? "application/octet-stream", message.AttachmentSize ?? 0, LinkAudience.Agent);
        return (variant == FileVariant.Preview ? view.PreviewUrl : view.Url)
            ?? throw new CoreException(CoreError.NotFound, "This file has no preview.");
    }
}
