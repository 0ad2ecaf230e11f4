using Microsoft.Extensions.Options;
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
        // Every role reads these. Their [Range]s document the supported values but are not enforced, as before the
        // sections were split: tests run edges with sub-second heartbeats.
        services.AddOptions<EdgeOptions>().BindConfiguration(EdgeOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EdgeOptions>, EdgeOptionsValidator>();
        services.AddOptions<RabbitMqOptions>().BindConfiguration(RabbitMqOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RabbitMqOptions>>(new RabbitMqOptionsValidator(role));
        if (role.Name == ParleyRoles.All)
        {
            services.AddSingleton<InProcessBus>();
            services.AddSingleton(sp => sp.GetRequiredService<InProcessBus>().CreateCore());
            services.AddSingleton(sp => sp.GetRequiredService<InProcessBus>().CreateEdge(sp.GetRequiredService<IOptions<EdgeOptions>>().Value.Name));
        }
        else if (role.Name == ParleyRoles.Core)
        {
            services.AddSingleton<ICoreTransport>(sp =>
                new RabbitMqCoreTransport(sp.GetRequiredService<IOptions<RabbitMqOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
        }
        else
        {
            services.AddSingleton<IEdgeTransport>(sp =>
            {
                return new RabbitMqEdgeTransport(
                    sp.GetRequiredService<IOptions<RabbitMqOptions>>().Value, sp.GetRequiredService<IOptions<EdgeOptions>>().Value.Name, sp.GetRequiredService<ILoggerFactory>(), sp.GetService<System.Diagnostics.Metrics.IMeterFactory>());
            });
        }

        if (role.HasEdge)
        {
            services.AddSingleton<ICoreClient>(sp => sp.GetRequiredService<IEdgeTransport>());
        }

        // Hosted services stop in reverse order: the edge's end first, then the core's.
        if (role.HasCore)
        {
            services.AddHostedService<CoreTransportHost>();
        }

        if (role.HasEdge)
        {
            services.AddHostedService<EdgeTransportHost>();
        }

        return builder;
    }
}
