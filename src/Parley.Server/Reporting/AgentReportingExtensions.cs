namespace Parley.Server.Reporting;

/// <summary>Agent reporting: the agent projection (folded on the core) and its named queries.</summary>
public static class AgentReportingExtensions
{
    public static IServiceCollection AddAgentReporting(this IServiceCollection services)
    {
        services.AddSingleton<AgentProjection>();
        services.AddHostedService<AgentProjectionService>();
        services.AddSingleton<AgentReports>();
        return services;
    }
}
