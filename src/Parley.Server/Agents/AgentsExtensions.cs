using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.SignalR;
using Parley.Server.Conversations;
using Parley.Server.Hosting;
using Parley.Server.RoutingHost;

namespace Parley.Server.Agents;

public static class AgentsExtensions
{
    /// <summary>The agent side (core): accounts, cookie sign-in for the desktop, bearer tokens for API clients, the agent hub.</summary>
    public static IHostApplicationBuilder AddParleyAgents(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptionsSection<SessionOptions>(SessionOptions.Section);
        services.AddOptionsSection<SignInOptions>(SignInOptions.Section);
        services.AddSingleton<AgentNotifier>();
        services.AddSingleton<IAgentNotifier>(sp => sp.GetRequiredService<AgentNotifier>());
        services.AddSingleton<AgentConnections>();
        services.AddSingleton<LastPresence>();
        services.AddSingleton<AgentFacts>();
        services.AddSingleton<PresenceAfterRestart>();
        services.AddSingleton<AgentRoutingEffects>();
        services.AddSingleton<IRoutingEffectHandler>(sp => sp.GetRequiredService<AgentRoutingEffects>());
        services.AddSingleton<SupervisorScope>();
        services.AddSingleton<ISupervisionRights>(sp => sp.GetRequiredService<SupervisorScope>());
        services.AddSingleton<AgentDesk>();
        services.AddSingleton<ConversationHistory>();
        services.AddSingleton<AgentAttachments>();
        services.AddHostedService<CustomerReachabilityNotifier>();
        services.AddSingleton<AgentSessions>();
        services.AddSingleton<CurrentAccount>();
        services.AddSingleton<IClaimsTransformation>(sp => sp.GetRequiredService<CurrentAccount>());
        services.AddSignalR().AddHubOptions<AgentHub>(o => o.AddFilter<AgentSessionHubFilter>());
        services.AddSingleton<SignInThrottle>();
        services.AddHostedService<AccountRevalidation>();

        services.AddAgentAuthentication();

        services.AddRateLimiter(limits => limits.AddPolicy(AgentEndpoints.LoginLimit, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        services.AddRateLimiter(limits => limits.AddPolicy(HistoryEndpoints.SearchLimit, http => RateLimitPartition.GetFixedWindowLimiter(
            http.User.Identity?.IsAuthenticated == true ? http.User.Username() : "anonymous",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 60, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        return builder;
    }

    /// <summary>The agent REST API (sign-in, sessions, transcripts) and the agent hub.</summary>
    public static IEndpointRouteBuilder MapParleyAgents(this IEndpointRouteBuilder app)
    {
        app.MapAgentAttachments();
        return app.MapAgentEndpoints();
    }
}
