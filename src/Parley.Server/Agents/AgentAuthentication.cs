using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Parley.Server.Storage;

namespace Parley.Server.Agents;

public static class AgentAuthentication
{
    public const string AgentScheme = "Agent";
    public const string BearerScheme = "AgentBearer";

    /// <summary>The agent side (core): accounts, cookie sign-in for the desktop, bearer tokens for API clients, the agent hub.</summary>
    public static IHostApplicationBuilder AddParleyAgents(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IPasswordHasher<AgentRecord>, PasswordHasher<AgentRecord>>();
        services.AddSingleton<AgentDirectory>();
        services.AddSingleton<AgentNotifier>();
        services.AddSingleton<AgentConnections>();
        services.AddSingleton<AgentDesk>();
        services.AddSingleton<SignInThrottle>();

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
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                // APIs and hubs answer 401/403; only pages redirect to the sign-in form.
                options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            })
            .AddBearerToken(BearerScheme, options =>
            {
                options.BearerTokenExpiration = TimeSpan.FromHours(12);
                options.Events.OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/hubs/agent") && context.Request.Query["access_token"] is { Count: > 0 } token)
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(AgentRoles.AgentPolicy, p => p.RequireRole(AgentRoles.All))
            .AddPolicy(AgentRoles.SupervisorPolicy, p => p.RequireRole(AgentRoles.Supervisor, AgentRoles.Admin))
            .AddPolicy(AgentRoles.AdminPolicy, p => p.RequireRole(AgentRoles.Admin));

        services.AddRateLimiter(limits => limits.AddPolicy(AgentEndpoints.LoginLimit, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        return builder;
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
