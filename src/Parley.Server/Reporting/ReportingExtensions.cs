using Parley.Server.Agents;
using Parley.Server.Hosting;

namespace Parley.Server.Reporting;

/// <summary>Reporting (core only): the projections of the event log, the report API, its options.</summary>
public static class ReportingExtensions
{
    public static WebApplicationBuilder AddParleyReporting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptionsSection<ReportingOptions>(ReportingOptions.Section);
        builder.Services.AddSingleton<RawFactRetention>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RawFactRetention>());
        builder.Services.AddSingleton<QueueProjection>().AddHostedService(s => s.GetRequiredService<QueueProjection>()).AddSingleton<QueueReports>();
        builder.Services.AddSingleton<ReportScope>();
        builder.Services.AddAgentReporting();
        return builder;
    }

    public static IEndpointRouteBuilder MapParleyReporting(this IEndpointRouteBuilder app)
    {
        // Supervisors and admins, their roles as they are now (the claims transformation rebuilds them every request).
        var reports = app.MapGroup("/api/v1/reports").WithTags("Reports")
            .RequireAuthorization(AgentRoles.SupervisorPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem();
        reports.MapQueueReports();
        reports.MapAgentReports();
        return app;
    }
}
