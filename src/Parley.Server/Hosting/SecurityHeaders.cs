using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Parley.Server.Hosting;

/// <summary>
/// Every response says <c>nosniff</c> and the referrer policy. Every page (any <c>text/html</c> response: desk,
/// admin, sign-in, demo page) gets a Content-Security-Policy that Blazor Interactive Server works with (its script,
/// styles and circuit come from the server itself) and may not be framed. Scripts, styles and data are not pages:
/// <c>widget.js</c> stays embeddable by any site (no framing or cross-origin resource policy on it).
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next, IOptions<SecurityHeadersOptions> options)
{
    /// <summary>Everything from the server itself, nothing inline, no plugins, no framing; connect-src is added per request.</summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; object-src 'none'; "
        + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private readonly string _referrerPolicy = options.Value.ReferrerPolicy;

    public Task InvokeAsync(HttpContext context)
    {
        // Registered first, so it runs after every other OnStarting callback: the last word on these headers
        // (Blazor sets frame-ancestors 'self', antiforgery X-Frame-Options: SAMEORIGIN).
        context.Response.OnStarting(Apply, context);
        return next(context);
    }

    private Task Apply(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = _referrerPolicy;
        if (MediaTypeHeaderValue.TryParse(context.Response.ContentType, out var type) && type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentSecurityPolicy = $"{PagePolicy}; connect-src 'self'{WebSocketsOf(context.Request.Host)}";
            headers.XFrameOptions = "DENY";
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The circuit's and hubs' WebSockets on this host: older browsers do not count ws:/wss: as 'self'. Only a plain
    /// host[:port] is written into the header.
    /// </summary>
    private static string WebSocketsOf(HostString host)
    {
        var value = host.ToUriComponent();
        return value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']')
            ? $" ws://{value} wss://{value}"
            : "";
    }
}
