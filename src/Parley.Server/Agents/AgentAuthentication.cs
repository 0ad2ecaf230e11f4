using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

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
            .AddPolicyScheme(AgentScheme, "Agent", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                || (context.Request.Path.StartsWithSegments("/hubs/agent") && context.Request.Query.ContainsKey("access_token"))
                    ? BearerScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
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
