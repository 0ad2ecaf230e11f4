using Microsoft.Extensions.Options;
using Parley.Server.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Files;

/// <summary>
/// Takes in an attachment on the core: within the size, of a type sniffed from its content that is allowed, passed by
/// the scanner, then stored (original and, for an image, its preview) under a new id. Refusals are
/// <see cref="CoreException"/>s: too large (413), a type not allowed (415), refused by the scanner (400).
/// </summary>
public sealed partial class FileIntake(
    IFileStore store, IFileScanner scanner, ImagePreviews previews, IOptions<FileEngineOptions> options, TimeProvider time, ILogger<FileIntake> logger)
{
    public const string TooLarge = "The file is too large.";
    public const string NotAllowed = "This type of file cannot be sent here. Images (PNG, JPEG, GIF, WebP), PDF and plain text can.";

    /// <param name="queue">The conversation's queue, whose own limits (when set) narrow the installation's.</param>
    public async Task<StoredFile> TakeAsync(string? sentName, ReadOnlyMemory<byte> content, QueueRecord? queue, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var maxBytes = Math.Min(limits.MaxBytes, queue?.AttachmentMaxBytes ?? long.MaxValue);
        if (content.Length > maxBytes)
        {
            throw new CoreException(CoreError.TooLarge, $"{TooLarge} At most {Megabytes(maxBytes)}.");
        }

        if (content.IsEmpty)
        {
            throw new CoreException(CoreError.Invalid, "The file is empty.");
        }

        var type = FileSniffer.Sniff(content.Span);
        if (type is null || !limits.Allows(type) || queue?.AttachmentTypes is { Count: > 0 } queueTypes && !queueTypes.Contains(type.ContentType, StringComparer.OrdinalIgnoreCase))
        {
            throw new CoreException(CoreError.Unsupported, NotAllowed);
        }

        if (await scanner.ScanAsync(content, type, cancellationToken) is { } refusal)
        {
            LogRefusedByScanner(type.ContentType, content.Length);
            throw new CoreException(CoreError.Invalid, refusal);
        }

        // On the server's clock: the id carries when the file was stored (StoredFileAge), which the sweep reads.
        var id = Guid.CreateVersion7(time.GetUtcNow());
        // The preview first: an original is only ever stored with the preview it announces (when one could be made).
        if (previews.Make(content.Span, type) is { } preview)
        {
            await store.SaveAsync(id, FileVariant.Preview, preview, cancellationToken);
        }

        await store.SaveAsync(id, FileVariant.Original, content, cancellationToken);
        return new StoredFile(id, SafeFileName.For(sentName, type), type, content.Length);
    }

    /// <summary>Removes a stored file that will not be appended after all (the append was refused).</summary>
    public async Task DiscardAsync(Guid id)
    {
        try
        {
            await store.DeleteAsync(id, CancellationToken.None);
        }
        catch (IOException e)
        {
            // The sweep takes it later; the sender's refusal matters more than this.
            LogDiscardFailed(e, id);
        }
    }

    /// <summary>A limit as people read it: "10 MB", "500 KB".</summary>
    public static string Megabytes(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024.0):0.#} MB" : $"{Math.Max(1, bytes / 1024)} KB";

    [LoggerMessage(EventId = 9731, Level = LogLevel.Warning, Message = "The file scanner refused an attachment ({ContentType}, {Size} bytes)")]
    private partial void LogRefusedByScanner(string contentType, int size);

    [LoggerMessage(EventId = 9732, Level = LogLevel.Warning, Message = "The stored file {FileId} of a refused attachment could not be removed")]
    private partial void LogDiscardFailed(Exception exception, Guid fileId);
}
