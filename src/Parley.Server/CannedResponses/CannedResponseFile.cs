using Parley.Server.Storage;

namespace Parley.Server.CannedResponses;

/// <summary>A file that goes with canned responses, as the API and the pages show it: its id to attach, its name and size.</summary>
public sealed record CannedResponseFile(Guid AttachmentId, string Name, string ContentType, long Size)
{
    public static CannedResponseFile Of(CannedResponseFileRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Id, record.Name, record.ContentType, record.Size);
    }
}
