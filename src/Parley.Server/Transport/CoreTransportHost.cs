namespace Parley.Server.Transport;

/// <summary>
/// Starts the core's end of the transport with the core's request handler, once the hosted services registered before
/// it (start-up: database, routing) have started, and closes it at shutdown.
/// </summary>
internal sealed class CoreTransportHost(ICoreTransport transport, ICoreRequestHandler handler) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => transport.StartAsync(handler, cancellationToken);

    // Disposing twice (here and by the container) is harmless.
    public async Task StopAsync(CancellationToken cancellationToken) => await transport.DisposeAsync();
}
