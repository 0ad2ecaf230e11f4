namespace Parley.Server.Transport;

/// <summary>An edge's end of a transport.</summary>
public interface IEdgeTransport : ICoreClient, IAsyncDisposable
{
    string EdgeName { get; }

    /// <summary>Starts receiving this edge's events. Returns once receiving (or keeps retrying in the background when the broker is down).</summary>
    Task StartAsync(IEdgeEventHandler handler, CancellationToken cancellationToken);
}
