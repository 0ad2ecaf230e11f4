namespace Parley.Server.Files;

/// <summary>Answers a download link with the bytes it names (on the core: an edge asks for a customer's through the transport).</summary>
public sealed class FileDownloads(AttachmentLinks links, IFileStore store)
{
    /// <summary>The file, or null when the link is forged, expired, for another audience or names nothing stored.</summary>
    public async Task<Contracts.FileContent?> ReadAsync(string token, LinkAudience audience, CancellationToken cancellationToken)
    {
        if (links.Read(token, audience) is not { } link || await store.ReadAsync(link.Id, link.Variant, cancellationToken) is not { } content)
        {
            return null;
        }

        return new Contracts.FileContent(link.ContentType, link.Name, content, Inline: link.Variant == FileVariant.Preview);
    }
}
