using Parley.Server.Contracts;

namespace Parley.Server.Transport;

/// <summary>
/// The core's end of a transport. Every implementation passes the transport specification tests
/// (tests/Parley.Server.Tests/Transport).
/// </summary>
public interface ICoreTransport : IAsyncDisposable
{
    /// <summary>Starts taking requests from every edge; each is answered with the handler's result (or its <see cref="CoreException"/>).</summary>
    Task StartAsync(ICoreRequestHandler handler, CancellationToken cancellationToken);

    /// <summary>
    /// Sends an event to one edge. An edge that is not connected gets it when it comes back, within the broker's
    /// retention; events are hints (customers resume from the history), so a failure here is logged, not thrown.
    /// </summary>
    Task SendAsync(string edge, EdgeEvent edgeEvent, CancellationToken cancellationToken);
}
