using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Parley.Server.Files;
using Parley.Server.Hosting.Errors;
using Parley.Server.Hosting;
using Parley.Server.Transport;

namespace Parley.Server.Customers;

public static class CustomersExtensions
{
    /// <summary>The customer-facing edge: token auth, customer hub, customer REST limits.</summary>
    public static IHostApplicationBuilder AddParleyCustomers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptionsSection<CustomerLimitOptions>(CustomerLimitOptions.Section);
        // The edge reads an upload within the file limit before passing it on.
        builder.Services.AddOptionsSection<FileEngineOptions>(FileEngineOptions.Section);
        // The one problem-details map says Retry-After from this section when the core cannot be reached.
        builder.Services.AddOptions<UnavailableRetryOptions>().Configure<IOptions<CustomerLimitOptions>>((retry, limits) => retry.RetryAfter = limits.Value.UnavailableRetryAfter);
        builder.Services.AddSingleton<CustomerTokens>();
        builder.Services.AddSingleton<ConversationIds>();
        builder.Services.AddSingleton<IEdgeEventHandler, EdgeEventDispatcher>();
        builder.Services.AddSingleton<EdgeAvailability>();
        // The edge's heartbeat to the core; customers resync when the core is back.
        builder.Services.AddSingleton<CoreLink>();
        builder.Services.AddHostedService<EdgeHeartbeatService>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, CustomerAuthenticationHandler>(CustomerAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(CustomerEndpoints.Policy, p => p
                .AddAuthenticationSchemes(CustomerAuthenticationHandler.SchemeName)
                .RequireClaim(CustomerAuthenticationHandler.ConversationClaim));
        builder.Services.AddSingleton<CustomerBudgets>();
        builder.Services.AddSingleton<MailboxBudgets>();
        builder.Services.AddSingleton<CustomerConnections>();
        builder.Services.AddRateLimiter(limits =>
        {
            limits.AddPolicy<string, CustomerStartLimitPolicy>(CustomerEndpoints.StartLimit);
            limits.AddPolicy<string, CustomerLeaveMessageLimitPolicy>(LeaveMessageEndpoint.Limit);
            limits.AddPolicy<string, CustomerTranscriptLimitPolicy>(FeedbackEndpoints.TranscriptLimit);
            limits.AddPolicy<string, CustomerDownloadLimitPolicy>(CustomerAttachmentEndpoints.DownloadLimit);
            limits.AddPolicy<Guid, CustomerCallLimitPolicy>(CustomerEndpoints.MessageLimit);
        });
        return builder;
    }

    /// <summary>The customer REST API and the customer hub (every role with an edge).</summary>
    public static IEndpointRouteBuilder MapParleyCustomers(this IEndpointRouteBuilder app) => app.MapCustomerEndpoints();
}
