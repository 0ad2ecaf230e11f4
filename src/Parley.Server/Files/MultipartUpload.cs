using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Parley.Server.Contracts;

namespace Parley.Server.Files;

/// <summary>
/// Reads an upload (<c>multipart/form-data</c>, field <c>file</c>) into memory, never to disk — an edge keeps nothing
/// at rest — and never more than the limit: a declared <c>Content-Length</c> over it is refused before the body is
/// read, and the file's bytes are counted as they arrive (a chunked body declares nothing).
/// </summary>
public static class MultipartUpload
{
    /// <summary>Room for the multipart framing and the small fields next to the file.</summary>
    public const long Overhead = 16 * 1024;

    private const int MaxFieldChars = 128;

    /// <summary>The file, or a failure: <see cref="CoreError.TooLarge"/> over the limit, <see cref="CoreError.Invalid"/> for a malformed form.</summary>
    public static async Task<(UploadedFile? File, CoreFailure? Failure)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var tooLarge = new CoreFailure(CoreError.TooLarge, $"{FileIntake.TooLarge} At most {FileIntake.Megabytes(maxBytes)}.");
        if (request.ContentLength > maxBytes + Overhead)
        {
            return (null, tooLarge);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            return (null, new CoreFailure(CoreError.Invalid, "Send the file as multipart/form-data in the field 'file'."));
        }

        try
        {
            // The whole body is bounded by the endpoint's request size limit (Kestrel counts it: a 413 below).
            var reader = new MultipartReader(boundary, request.Body);
            string? fileName = null;
            byte[]? content = null;
            string? clientMessageId = null;
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                if (disposition.Name.Value == "file" && content is null)
                {
                    fileName = disposition.FileNameStar.Value ?? disposition.FileName.Value;
                    content = await ReadBoundedAsync(section.Body, maxBytes, cancellationToken);
                    if (content is null)
                    {
                        return (null, tooLarge);
                    }
                }
                else if (disposition.Name.Value == "clientMessageId")
                {
                    using var text = new StreamReader(section.Body);
                    var buffer = new char[MaxFieldChars + 1];
                    clientMessageId = new string(buffer, 0, await text.ReadBlockAsync(buffer, cancellationToken));
                }
            }

            return content is null
                ? (null, new CoreFailure(CoreError.Invalid, "The form has no file in the field 'file'."))
                : (new UploadedFile(fileName, content, clientMessageId), null);
        }
        catch (InvalidDataException)
        {
            return (null, new CoreFailure(CoreError.Invalid, "The form could not be read."));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, tooLarge);
        }
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var memory = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (memory.Length + read > maxBytes)
            {
                return null;
            }

            memory.Write(buffer, 0, read);
        }

        return memory.ToArray();
    }
}
