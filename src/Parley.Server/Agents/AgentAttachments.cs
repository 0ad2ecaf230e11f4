using Parley.Server.Accounts;
using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.Files;

namespace Parley.Server.Agents;

/// <summary>
/// The agent's attachments: sending a file in their chat (the REST endpoint and the desk both come here) and
/// downloading by the links minted for agents (on the core).
/// </summary>
public sealed class AgentAttachments(ConversationAttachments attachments, FileDownloads files, AgentDirectory directory)
{
    /// <summary>Only into a chat assigned to this agent (the log checks it under the chat's lock).</summary>
    public Task<AttachmentAccepted> SendAsync(string agent, Guid conversationId, string? clientMessageId, string? fileName, byte[] content, CancellationToken cancellationToken) =>
        attachments.SendAsync(conversationId, MessageSender.Agent, directory.DisplayName(agent), clientMessageId, fileName, content, agent, cancellationToken);

    public Task<FileContent?> ReadAsync(string token, CancellationToken cancellationToken) =>
        files.ReadAsync(token, LinkAudience.Agent, cancellationToken);
}
