using Microsoft.Extensions.Options;

namespace Parley.Server.Hosting;

/// <summary>
/// Browsers send an agent's cookie (SameSite=Strict: same site, not same origin) on WebSockets, which CORS does not
/// cover, from any page of the site. So a request to the agent hub or a desktop circuit that carries an
/// <c>Origin</c> must come from the server's own origin (scheme and host after forwarded headers) or one of
/// <c>Parley:AllowedOrigins</c>; anything else gets 403. Requests without an <c>Origin</c> are not from a browser page
/// (API and hub clients with bearer tokens) and pass. The customer hub and API are not guarded: the widget runs on
/// customers' sites.
/// </summary>
internal sealed partial class AllowedOrigins(RequestDelegate next, IOptions<ParleyOptions> options, ILogger<AllowedOrigins> logger)
{
    private static readonly PathString[] Guarded = ["/hubs/agent", "/_blazor"];
    private readonly Uri[] _configured = [.. options.Value.AllowedOrigins.Select(o => new Uri(o))];

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!Guarded.Any(p => request.Path.StartsWithSegments(p)) || request.Headers.Origin.Count == 0 || IsAllowed(request))
        {
            return next(context);
        }

        LogRefused(request.Path, request.Headers.Origin);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    /// <summary>An origin as configured: http(s), a host and an optional port, nothing after.</summary>
    public static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.UserInfo.Length == 0
        && string.Equals(value.TrimEnd('/'), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);

    private bool IsAllowed(HttpRequest request)
    {
        if (request.Headers.Origin is not [{ } value] || !IsOrigin(value))
        {
            return false; // "null" (sandboxed frames, files), several origins, or something else.
        }

        var origin = new Uri(value);
        return (Uri.TryCreate($"{request.Scheme}://{request.Host.ToUriComponent()}", UriKind.Absolute, out var own) && SameOrigin(origin, own))
            || _configured.Any(allowed => SameOrigin(origin, allowed));
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Refused {Path} to a page from another origin ({Origin}); add it to Parley:AllowedOrigins if it is yours")]
    private partial void LogRefused(PathString path, Microsoft.Extensions.Primitives.StringValues origin);
}
