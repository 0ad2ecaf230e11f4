namespace Parley.Server.Transport;

/// <summary>Starts this process's ends of the transport (core, edge or both) and closes them at shutdown.</summary>
internal sealed class TransportHost(IServiceProvider services) : IHostedService
{
    private readonly ICoreTransport? _core = services.GetService<ICoreTransport>();
    private readonly IEdgeTransport? _edge = services.GetService<IEdgeTransport>();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_core is not null)
        {
            await _core.StartAsync(services.GetRequiredService<ICoreRequestHandler>(), cancellationToken);
        }

        if (_edge is not null)
        {
            await _edge.StartAsync(services.GetRequiredService<IEdgeEventHandler>(), cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The edge first: no new requests while the core finishes the ones it has. Disposing twice (here and by the container) is harmless.
        if (_edge is not null)
        {
            await _edge.DisposeAsync();
        }

        if (_core is not null)
        {
            await _core.DisposeAsync();
        }
    }
}
