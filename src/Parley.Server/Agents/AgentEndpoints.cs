using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Parley.Server.Conversations;
using Parley.Server.Customers;
using Parley.Server.Transport;

namespace Parley.Server.Agents;

/// <summary>The agent REST API (core): sign-in for non-browser clients, transcripts, and the desktop's sign-out.</summary>
public static class AgentEndpoints
{
    public const string LoginLimit = "agent-login";

    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/agent").WithTags("Agent");
        api.MapPost("/login", Login).WithName("AgentLogin").RequireRateLimiting(LoginLimit).AllowAnonymous();
        api.MapGet("/conversations/{id:guid}/messages", GetTranscript).WithName("GetTranscript").RequireAuthorization(AgentRoles.AgentPolicy);

        // The desktop's sign-out: a form post with the antiforgery token.
        app.MapPost("/agent/logout", async (HttpContext http, AgentDesk desk) =>
        {
            if (http.User.Identity?.IsAuthenticated == true)
            {
                await desk.SetPresenceAsync(http.User.Username(), Parley.Routing.AgentPresence.Offline, null, http.RequestAborted);
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.LocalRedirect("/agent/login");
        }).ExcludeFromDescription();

        app.MapHub<AgentHub>("/hubs/agent");
        return app;
    }

    public sealed record LoginBody(string? Username, string? Password);

    public sealed record LoginResult(string Token, DateTimeOffset ExpiresAt, string DisplayName);

    private static Results<Ok<LoginResult>, ProblemHttpResult> Login(
        LoginBody body, AgentDirectory directory, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time, HttpContext http, SignInThrottle throttle)
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
        var expiresAt = time.GetUtcNow() + options.BearerTokenExpiration;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = time.GetUtcNow(), ExpiresUtc = expiresAt }, AgentAuthentication.BearerScheme);
        return TypedResults.Ok(new LoginResult(options.BearerTokenProtector.Protect(ticket), expiresAt, principal.DisplayName()));
    }

    private static async Task<Results<Ok<IReadOnlyList<MessageView>>, ProblemHttpResult>> GetTranscript(Guid id, HttpContext http, AgentDesk desk, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await desk.GetTranscriptAsync(http.User.Username(), http.User.IsSupervisor(), id, ct));
        }
        catch (CoreException e)
        {
            return new CoreFailure(e.Error, e.Message).ToProblem();
        }
    }
}
