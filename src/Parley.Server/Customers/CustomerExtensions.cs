using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Parley.Server.Transport;

namespace Parley.Server.Customers;

public static class CustomerExtensions
{
    /// <summary>The customer-facing edge: token auth, customer hub, customer REST limits.</summary>
    public static IHostApplicationBuilder AddParleyEdge(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CustomerTokens>();
        builder.Services.AddSingleton<IEdgeEventHandler, EdgeEventDispatcher>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, CustomerAuthenticationHandler>(CustomerAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(CustomerEndpoints.Policy, p => p
                .AddAuthenticationSchemes(CustomerAuthenticationHandler.SchemeName)
                .RequireClaim(CustomerAuthenticationHandler.ConversationClaim));
        builder.Services.AddRateLimiter(limits =>
        {
            // Starting chats: per client address. Messages: per conversation token.
            limits.AddPolicy(CustomerEndpoints.StartLimit, http => RateLimitPartition.GetTokenBucketLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions { TokenLimit = 30, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(2), QueueLimit = 0 }));
            limits.AddPolicy(CustomerEndpoints.MessageLimit, http => RateLimitPartition.GetTokenBucketLimiter(
                http.Request.Headers.Authorization.ToString(),
                _ => new TokenBucketRateLimiterOptions { TokenLimit = 30, TokensPerPeriod = 5, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0 }));
        });
        return builder;
    }
}
