using System.Text;
using Microsoft.Net.Http.Headers;

namespace Parley.Server.Hosting;

/// <summary>
/// A JSON body declared in a charset .NET does not know (<c>application/json; charset=foo</c>) makes the
/// framework's body reader throw, which was a 500 on every JSON endpoint. Refused here, before any endpoint
/// runs: 415 with problem details. Charsets the reader knows (utf-8 in any case, utf-16…, or none) pass as before.
/// </summary>
public sealed class JsonCharsetCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (UnknownJsonCharset(http.Request.ContentType) is { } charset)
        {
            await TypedResults.Problem(
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "Unsupported charset",
                    detail: $"The charset '{charset}' is not known: send JSON as UTF-8.")
                .ExecuteAsync(http);
            return;
        }

        await next(http);
    }

    /// <summary>The charset of a JSON content type when no encoding of that name exists; otherwise null.</summary>
    public static string? UnknownJsonCharset(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type)
            || !(type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            || type.Charset.Length == 0)
        {
            return null;
        }

        // As the framework's body reader reads it: a quoted name ("utf-8") is not one it knows either.
        var charset = type.Charset.ToString();
        try
        {
            Encoding.GetEncoding(charset);
            return null;
        }
        catch (ArgumentException)
        {
            // Kept short: the charset is echoed back to the client.
            return charset.Length <= 40 ? charset : charset[..40] + "…";
        }
    }
}
