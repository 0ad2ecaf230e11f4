using Parley.Server.Transport;

namespace Parley.Server.Edges;

public static class EdgesExtensions
{
    /// <summary>
    /// The core's knowledge of its edges: heartbeats, which edge holds each customer (events follow them there),
    /// and edges going offline and back (logged, counted, in the health report "edges", told to agents).
    /// </summary>
    public static IHostApplicationBuilder AddParleyEdges(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<EdgeDirectory>();
        services.AddSingleton<IEdgePublisher, EdgeRouter>();
        services.AddSingleton<EdgeMetrics>();
        services.AddSingleton<EdgeWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<EdgeWatch>());
        // The queues' availability facts, told to every edge on each change.
        services.AddSingleton<AvailabilityPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<AvailabilityPublisher>());
        services.AddHealthChecks().AddCheck<EdgeHealthCheck>("edges");
        return builder;
    }
}
