using Microsoft.Net.Http.Headers;
using Parley.Server.Contracts;

namespace Parley.Server.Files;

/// <summary>
/// How every role serves an attachment: the sniffed type (never guessed again by the browser: <c>nosniff</c>), a
/// download (<c>Content-Disposition: attachment</c> with the safe name, RFC 6266 <c>filename*</c>) — inline only for a
/// raster preview — and a sandboxing CSP, so that no file is ever active content in the site's origin.
/// </summary>
public static class FileResponses
{
    public static IResult Serve(HttpContext http, FileContent file)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; sandbox";
        // A link is a bearer of its file until it expires: keep it out of shared caches.
        headers.CacheControl = "private, max-age=300";
        var disposition = new ContentDispositionHeaderValue(file.Inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.Name);
        headers.ContentDisposition = disposition.ToString();
        var contentType = file.ContentType == FileType.Text.ContentType ? "text/plain; charset=utf-8" : file.ContentType;
        return TypedResults.Bytes(file.Content, contentType);
    }
}
