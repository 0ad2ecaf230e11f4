namespace Parley.Server.Transport;

public static class TransportExtensions
{
    /// <summary>The edge–core transport. In-process for the all-in-one role.</summary>
    public static IHostApplicationBuilder AddParleyTransport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InProcessTransport>();
        builder.Services.AddSingleton<ICoreClient>(sp => sp.GetRequiredService<InProcessTransport>());
        builder.Services.AddSingleton<IEdgePublisher>(sp => sp.GetRequiredService<InProcessTransport>());
        return builder;
    }
}
