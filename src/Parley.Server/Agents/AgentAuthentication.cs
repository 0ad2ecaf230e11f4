using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Parley.Server.Customers;

namespace Parley.Server.Agents;

public static class AgentAuthentication
{
    public const string AgentScheme = "Agent";
    public const string BearerScheme = "AgentBearer";

    /// <summary>Pages sign in with a cookie, API and hub clients with a bearer token; both bound to a live session.</summary>
    internal static void AddAgentAuthentication(this IServiceCollection services)
    {
        // Pages sign in with a cookie, API and hub clients with a bearer token: one policy scheme picks per request.
        services.AddAuthentication(AgentScheme)
            .AddPolicyScheme(AgentScheme, "Agent", options => options.ForwardDefaultSelector = context => SchemeFor(context.Request))
            .AddCookie(options =>
            {
                options.LoginPath = "/agent/login";
                options.AccessDeniedPath = "/agent/login";
                options.Cookie.Name = "parley.agent";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.SlidingExpiration = true;
                // A cookie is honoured only while its server-side session lives: a dead one is dropped from the browser.
                options.Events.OnValidatePrincipal = RejectEndedSession;
                // APIs and hubs answer 401/403; only pages redirect to the sign-in form.
                options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            })
            .AddBearerToken(BearerScheme, options =>
            {
                options.Events.OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/hubs/agent") && context.Request.Query["access_token"] is { Count: > 0 } token)
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                };
            });

        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<SessionOptions>>((cookie, sessionOptions) => cookie.ExpireTimeSpan = sessionOptions.Value.DesktopIdleTimeout);
        services.AddOptions<BearerTokenOptions>(BearerScheme)
            .Configure<IOptions<SessionOptions>, IDataProtectionProvider, AgentSessions>((bearer, sessionOptions, protection, sessions) =>
            {
                bearer.BearerTokenExpiration = sessionOptions.Value.TokenLifetime;
                // The framework's own token format (same purposes, so tokens issued before still read), bound to a live session.
                var tokens = new TicketDataFormat(protection.CreateProtector("Microsoft.AspNetCore.Authentication.BearerToken", BearerScheme, "BearerToken"));
                bearer.BearerTokenProtector = new SessionBoundTokenFormat(tokens, sessions);
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(AgentRoles.AgentPolicy, p => p.RequireRole(AgentRoles.All))
            .AddPolicy(AgentRoles.SupervisorPolicy, p => p.RequireRole(AgentRoles.Supervisor, AgentRoles.Admin))
            .AddPolicy(AgentRoles.AdminPolicy, p => p.RequireRole(AgentRoles.Admin));
    }

    /// <summary>
    /// The scheme that reads an agent's credentials on this request. A customer's request carries the customer's token
    /// as a bearer token too: it is never an agent's, so it goes to the cookie scheme (which finds no cookie there)
    /// instead of failing to decrypt as an agent's token — an exception per customer call.
    /// </summary>
    public static string SchemeFor(HttpRequest request) =>
        !CustomerEndpoints.Serves(request.Path)
        && (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || (request.Path.StartsWithSegments("/hubs/agent") && request.Query.ContainsKey("access_token")))
            ? BearerScheme
            : CookieAuthenticationDefaults.AuthenticationScheme;

    private static async Task RejectEndedSession(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<AgentSessions>();
        if (context.Principal is null || sessions.Find(CurrentAccount.SessionId(context.Principal)) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
