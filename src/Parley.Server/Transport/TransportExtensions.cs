using Microsoft.Extensions.Options;
using Parley.Server.Edges;
using Parley.Server.Hosting;
using Parley.Server.Transport.RabbitMq;

namespace Parley.Server.Transport;

public static class TransportExtensions
{
    /// <summary>
    /// The edge–core transport for this process's role: in-process for <c>all</c>; RabbitMQ for <c>core</c> and
    /// <c>edge</c>. Register after the core's services: the transport starts taking requests once they are ready.
    /// </summary>
    public static IHostApplicationBuilder AddParleyTransport(this IHostApplicationBuilder builder, ParleyRole role)
    {
        var services = builder.Services;
        if (role.Name == ParleyRoles.All)
        {
            services.AddSingleton<InProcessBus>();
            services.AddSingleton(sp => sp.GetRequiredService<InProcessBus>().CreateCore());
            services.AddSingleton(sp => sp.GetRequiredService<InProcessBus>().CreateEdge(sp.GetRequiredService<IOptions<ParleyOptions>>().Value.Edge.Name));
        }
        else if (role.Name == ParleyRoles.Core)
        {
            services.AddSingleton<ICoreTransport>(sp =>
                new RabbitMqCoreTransport(sp.GetRequiredService<IOptions<ParleyOptions>>().Value.RabbitMq, sp.GetRequiredService<ILoggerFactory>()));
        }
        else
        {
            services.AddSingleton<IEdgeTransport>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<ParleyOptions>>().Value;
                return new RabbitMqEdgeTransport(options.RabbitMq, options.Edge.Name, sp.GetRequiredService<ILoggerFactory>(), sp.GetService<System.Diagnostics.Metrics.IMeterFactory>());
            });
        }

        if (role.HasCore)
        {
            services.AddSingleton<EdgeDirectory>();
            services.AddSingleton<IEdgePublisher, EdgeRouter>();
            // Edges going offline and back: logged, counted, in the health report ("edges") and told to agents.
            services.AddSingleton<EdgeMetrics>();
            services.AddSingleton<EdgeWatch>();
            services.AddHostedService(sp => sp.GetRequiredService<EdgeWatch>());
            services.AddHealthChecks().AddCheck<EdgeHealthCheck>("edges");
        }

        if (role.HasEdge)
        {
            services.AddSingleton<ICoreClient>(sp => sp.GetRequiredService<IEdgeTransport>());
            services.AddSingleton<CoreLink>();
            services.AddHostedService<EdgeHeartbeatService>();
        }

        services.AddHostedService<TransportHost>();
        return builder;
    }
}
