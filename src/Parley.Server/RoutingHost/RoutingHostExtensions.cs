using Parley.Server.Hosting;

namespace Parley.Server.RoutingHost;

public static class RoutingHostExtensions
{
    public static IHostApplicationBuilder AddParleyRoutingHost(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptionsSection<RoutingHostOptions>(RoutingHostOptions.Section);
        builder.Services.AddSingleton<LiveBoard>();
        builder.Services.AddSingleton<EffectsPipeline>();
        builder.Services.AddSingleton<RoutingEffects>();
        builder.Services.AddSingleton<RoutingMetrics>();
        builder.Services.AddSingleton<RoutingCoordinator>();
        builder.Services.AddHostedService<RoutingTicker>();
        builder.Services.AddHostedService<QueueStandingPublisher>();
        return builder;
    }
}
