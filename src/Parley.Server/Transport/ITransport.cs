namespace Parley.Server.Transport;

/// <summary>The edge's way to the core: every customer request goes through it.</summary>
public interface ICoreClient
{
    /// <summary>
    /// Sends the request and waits for the core's answer. When the core cannot be reached in time the result is a
    /// <see cref="CoreError.Unavailable"/> failure: the caller may retry (requests that change something are idempotent).
    /// </summary>
    Task<CoreResult<TReply>> RequestAsync<TReply>(ICoreRequest<TReply> request, CancellationToken cancellationToken);
}

/// <summary>The core's way to the customers: delivers an event to the edge holding the conversation's customer.</summary>
public interface IEdgePublisher
{
    Task PublishAsync(EdgeEvent edgeEvent, CancellationToken cancellationToken);
}

/// <summary>Where a request came from: the edge's name and the transport's message id (for de-duplication and logs).</summary>
public sealed record RequestOrigin(string Edge, string MessageId);

/// <summary>Implemented by the core: answers edge requests. Throws <see cref="CoreException"/> for failures the edge shows.</summary>
public interface ICoreRequestHandler
{
    Task<object> HandleAsync(CoreRequest request, RequestOrigin origin, CancellationToken cancellationToken);
}

/// <summary>Implemented by the edge: delivers core events to its connected customers.</summary>
public interface IEdgeEventHandler
{
    Task HandleAsync(EdgeEvent edgeEvent, CancellationToken cancellationToken);
}

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

/// <summary>An edge's end of a transport.</summary>
public interface IEdgeTransport : ICoreClient, IAsyncDisposable
{
    string EdgeName { get; }

    /// <summary>Starts receiving this edge's events. Returns once receiving (or keeps retrying in the background when the broker is down).</summary>
    Task StartAsync(IEdgeEventHandler handler, CancellationToken cancellationToken);
}
