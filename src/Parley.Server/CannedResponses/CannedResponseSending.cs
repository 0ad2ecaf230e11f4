using Parley.Server.Agents;
using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.Files;

namespace Parley.Server.CannedResponses;

/// <summary>
/// Sends an agent's reply made from a canned response that carries a file: the text and the file, the file through the
/// same path as any agent attachment (<see cref="AgentAttachments"/>: the queue's limits, the scanner, a link per
/// audience, to the customer's edge in a split deployment). Everything that can refuse is asked before anything is
/// sent, and the file goes first: a response the agent may not use, a file no longer stored, a text or a file the chat
/// refuses — each sends nothing.
/// </summary>
public sealed class CannedResponseSending(CannedResponseService responses, AgentDesk desk, AgentAttachments attachments, IFileStore files)
{
    /// <returns>The file's message and then the text's (null when the draft was emptied to send the file alone).</returns>
    public async Task<(AttachmentAccepted File, MessageAccepted? Text)> SendAsync(
        string agent, Guid conversationId, Guid responseId, string? text, CancellationToken cancellationToken)
    {
        var response = await responses.FindUsableAsync(agent, responseId, cancellationToken)
            ?? throw new CoreException(CoreError.NotFound, "This canned response is not one you may use (any more); nothing was sent.");
        if (response.AttachmentId is not { } fileId)
        {
            throw new CoreException(CoreError.Invalid, $"The canned response '/{response.Shortcut}' has no file any more; nothing was sent. Send the text alone.");
        }

        var hasText = !string.IsNullOrWhiteSpace(text);
        if (hasText && MessageText.Normalize(text).Error is { } invalid)
        {
            throw new CoreException(CoreError.Invalid, invalid);
        }

        var content = await files.ReadAsync(fileId, FileVariant.Original, cancellationToken)
            ?? throw new CoreException(CoreError.NotFound, $"The file of the canned response '/{response.Shortcut}' is no longer stored; nothing was sent. Remove the file from your reply, or ask for the response to be given a new one.");
        // Under the name it was uploaded with; a file named before names were recorded goes under the response's title.
        // Either way the extension comes from the content.
        var file = await attachments.SendAsync(agent, conversationId, Guid.NewGuid().ToString("N"), response.Attachment?.Name ?? response.Title, content, cancellationToken);
        var sent = hasText ? await desk.SendAsync(agent, conversationId, Guid.NewGuid().ToString("N"), text, cancellationToken) : null;
        return (file, sent);
    }
}
