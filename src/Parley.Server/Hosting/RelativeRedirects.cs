namespace Parley.Server.Hosting;

/// <summary>
/// Redirects to this server leave as a path (<c>Location: /agent/login?ReturnUrl=…</c>). Cookie authentication and
/// Blazor's <c>NavigateTo</c> build absolute URLs from the request's <c>Host</c> header, which a client chooses: a
/// hostile Host (or a cache keyed without it) would send people elsewhere. A path is resolved by the browser against
/// the address it actually used, so it is right behind any reverse proxy without configuring the public host name.
/// </summary>
internal sealed class RelativeRedirects(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(Apply, context);
        return next(context);
    }

    private static Task Apply(object state)
    {
        var context = (HttpContext)state;
        if (context.Response.Headers.Location is [{ } location]
            && Uri.TryCreate(location, UriKind.Absolute, out var target)
            && (target.Scheme == Uri.UriSchemeHttp || target.Scheme == Uri.UriSchemeHttps)
            && Uri.TryCreate($"{context.Request.Scheme}://{context.Request.Host.ToUriComponent()}", UriKind.Absolute, out var self)
            && Uri.Compare(target, self, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            // A path that starts with // or /\ would be read as another host ("//evil.example"): one slash only.
            var path = target.GetComponents(UriComponents.PathAndQuery | UriComponents.Fragment, UriFormat.UriEscaped);
            context.Response.Headers.Location = "/" + path.TrimStart('/', '\\');
        }

        return Task.CompletedTask;
    }
}
