using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Parley.Server.Accounts;
using Parley.Server.Contracts;

namespace Parley.Server.Agents;

/// <summary>The agent REST API (core): sign-in for non-browser clients, transcripts, and the desktop's sign-out.</summary>
public static class AgentEndpoints
{
    public const string LoginLimit = "agent-login";

    internal static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/agent").WithTags("Agent");
        api.MapPost("/login", Login).WithName("AgentLogin").RequireRateLimiting(LoginLimit).AllowAnonymous();
        api.MapPost("/logout", Logout).WithName("AgentLogout")
            .WithSummary("Ends the session of this bearer token at once (its hub connections close); the agent goes Offline.")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(AgentAuthentication.BearerScheme).RequireRole(AgentRoles.All));
        api.MapGet("/conversations/{id:guid}/messages", GetTranscript).WithName("GetTranscript").RequireAuthorization(AgentRoles.AgentPolicy)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/conversations/{id:guid}/customer-context", GetCustomerContext).WithName("GetCustomerContext").RequireAuthorization(AgentRoles.AgentPolicy)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapAgentNoteEndpoints();
        api.MapHistoryEndpoints();

        // The desktop's sign-out: a form post, which must carry the antiforgery token (another site cannot sign an agent out).
        app.MapPost("/agent/logout", DesktopLogout).ExcludeFromDescription();

        // A hub connection closes when its session expires or ends (AgentSessionHubFilter).
        app.MapHub<AgentHub>("/hubs/agent");
        return app;
    }

    public sealed record LoginBody(string? Username, string? Password);

    public sealed record LoginResult(string Token, DateTimeOffset ExpiresAt, string DisplayName);

    private static async Task<Results<Ok<LoginResult>, ProblemHttpResult>> Login(
        LoginBody body, AgentDirectory directory, AgentSessions sessions, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time, HttpContext http, SignInThrottle throttle, CancellationToken ct)
    {
        if (throttle.RetryAfter(http, body.Username) is { } wait)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed sign-ins", detail: SignInThrottle.Message(wait));
        }

        var principal = throttle.Record(http, body.Username, directory.SignIn(body.Username, body.Password, AgentAuthentication.BearerScheme));
        if (principal is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "Wrong username or password.");
        }

        var options = bearer.Get(AgentAuthentication.BearerScheme);
        await sessions.StartForAsync(principal, AgentSessions.BearerKind, options.BearerTokenExpiration, ct);
        var expiresAt = time.GetUtcNow() + options.BearerTokenExpiration;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = time.GetUtcNow(), ExpiresUtc = expiresAt }, AgentAuthentication.BearerScheme);
        return TypedResults.Ok(new LoginResult(options.BearerTokenProtector.Protect(ticket), expiresAt, principal.DisplayName()));
    }

    private static async Task<NoContent> Logout(HttpContext http, AgentSessions sessions, AgentDesk desk)
    {
        await SignOutAsync(http, sessions, desk);
        return TypedResults.NoContent();
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> DesktopLogout(HttpContext http, IAntiforgery antiforgery, AgentSessions sessions, AgentDesk desk)
    {
        // Signing out someone already signed out harms nobody; anyone signed in must prove the form is the desk's.
        if (http.User.Identity?.IsAuthenticated == true && !await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: "The sign-out form has expired; reload the page and sign out again.");
        }

        await SignOutAsync(http, sessions, desk);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/agent/login");
    }

    /// <summary>Signing out ends this session everywhere it is used and sets the agent Offline.</summary>
    private static async Task SignOutAsync(HttpContext http, AgentSessions sessions, AgentDesk desk)
    {
        if (CurrentAccount.SessionId(http.User) is not { } session || http.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        await sessions.EndAsync(session, "signed out", CancellationToken.None);
        await desk.SetPresenceAsync(http.User.Username(), Parley.Routing.AgentPresence.Offline, null, CancellationToken.None);
    }

    /// <summary>A refusal (not yours, no such conversation) is a <see cref="CoreException"/>, answered by the one error map.</summary>
    private static async Task<Ok<IReadOnlyList<MessageView>>> GetTranscript(Guid id, HttpContext http, AgentDesk desk, CancellationToken ct, long after = 0) =>
        TypedResults.Ok(await desk.GetTranscriptAsync(http.User.Username(), id, ct, after));

    private static async Task<Ok<CustomerContextView>> GetCustomerContext(Guid id, HttpContext http, AgentDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.GetCustomerContextAsync(http.User.Username(), id, ct));
}
