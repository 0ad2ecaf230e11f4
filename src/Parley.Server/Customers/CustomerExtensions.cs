using Microsoft.AspNetCore.Authentication;
using Parley.Server.Hosting;
using Parley.Server.Transport;

namespace Parley.Server.Customers;

public static class CustomerExtensions
{
    /// <summary>The customer-facing edge: token auth, customer hub, customer REST limits.</summary>
    public static IHostApplicationBuilder AddParleyEdge(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptionsSection<CustomerLimitOptions>(CustomerLimitOptions.Section);
        builder.Services.AddSingleton<CustomerTokens>();
        builder.Services.AddSingleton<ConversationIds>();
        builder.Services.AddSingleton<IEdgeEventHandler, EdgeEventDispatcher>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, CustomerAuthenticationHandler>(CustomerAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(CustomerEndpoints.Policy, p => p
                .AddAuthenticationSchemes(CustomerAuthenticationHandler.SchemeName)
                .RequireClaim(CustomerAuthenticationHandler.ConversationClaim));
        builder.Services.AddSingleton<CustomerBudgets>();
        builder.Services.AddRateLimiter(limits =>
        {
            limits.AddPolicy<string, CustomerStartLimitPolicy>(CustomerEndpoints.StartLimit);
            limits.AddPolicy<Guid, CustomerCallLimitPolicy>(CustomerEndpoints.MessageLimit);
        });
        return builder;
    }
}
