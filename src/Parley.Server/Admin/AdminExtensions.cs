using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Parley.Server.Agents;
using Parley.Server.Audit;
using Parley.Server.Privacy;

namespace Parley.Server.Admin;

public static class AdminExtensions
{
    /// <summary>The admin API's services, the integrations' API keys and the external-state policy (core).</summary>
    public static IHostApplicationBuilder AddParleyAdmin(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddParleyAudit();
        builder.AddParleyPrivacy();
        services.AddOptions<IntegrationOptions>().BindConfiguration(IntegrationOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntegrationOptions>, IntegrationOptionsValidator>();
        services.AddSingleton<AdminService>();
        services.AddSingleton<AnnouncementService>();
        services.AddSingleton<WallboardKeyService>();
        services.AddSingleton<IntegrationKeys>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, IntegrationAuthenticationHandler>(IntegrationAuthentication.Scheme, "Integration API key", null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminEndpoints.ExternalStatePolicy, p => p
                .AddAuthenticationSchemes(AgentAuthentication.AgentScheme, IntegrationAuthentication.Scheme)
                .RequireRole(AgentRoles.Supervisor, AgentRoles.Admin, IntegrationAuthentication.Role));
        return builder;
    }

    /// <summary>The admin REST API (the outbox's mail too) and the external agent state that integrations report.</summary>
    public static IEndpointRouteBuilder MapParleyAdmin(this IEndpointRouteBuilder app) => app.MapAdminEndpoints().MapMailEndpoints();
}
