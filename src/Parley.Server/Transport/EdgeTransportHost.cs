namespace Parley.Server.Transport;

/// <summary>
/// Starts the edge's end of the transport with the edge's event handler and closes it at shutdown. Registered after
/// <see cref="CoreTransportHost"/> (role all), so it stops first: no new requests while the core finishes the ones it has.
/// </summary>
internal sealed class EdgeTransportHost(IEdgeTransport transport, IEdgeEventHandler handler) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => transport.StartAsync(handler, cancellationToken);

    // Disposing twice (here and by the container) is harmless.
    public async Task StopAsync(CancellationToken cancellationToken) => await transport.DisposeAsync();
}
