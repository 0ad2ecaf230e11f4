using Parley.Server.Storage;

namespace Parley.Server.CannedResponses;

/// <summary>
/// A canned response as the API and the desk read it. <see cref="Queue"/> is set for a queue's response only;
/// <see cref="Attachment"/> names the file <see cref="AttachmentId"/> points at (null for none, or a file named before
/// canned-response files were recorded).
/// </summary>
public sealed record CannedResponse(
    Guid Id,
    string Scope,
    string? Queue,
    string Shortcut,
    string Title,
    string Text,
    Guid? AttachmentId,
    CannedResponseFile? Attachment,
    DateTimeOffset UpdatedAt)
{
    public static CannedResponse Of(CannedResponseRecord record, CannedResponseFile? attachment)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(
            record.Id,
            record.Scope,
            record.Scope == CannedResponseRecord.Queue ? record.Owner : null,
            record.Shortcut,
            record.Title,
            record.Text,
            record.AttachmentId,
            attachment,
            record.UpdatedAt);
    }
}
