namespace Parley.Server.Storage;

/// <summary>
/// A file uploaded to be sent with canned responses (the bytes are in the file store under <see cref="Id"/>): who uploaded
/// it, so only they (or whoever may use a response naming it) can attach it, and the name and size the pages show.
/// </summary>
public sealed class CannedResponseFileRecord
{
    public Guid Id { get; set; }

    public required string UploadedBy { get; set; }

    /// <summary>The safe name the file is shown and sent under (its extension from the sniffed type).</summary>
    public required string Name { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }
}
