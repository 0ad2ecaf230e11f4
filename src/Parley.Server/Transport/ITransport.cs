namespace Parley.Server.Transport;

/// <summary>The edge's way to the core.</summary>
public interface ICoreClient
{
    Task<CoreResult<TReply>> RequestAsync<TReply>(ICoreRequest<TReply> request, CancellationToken cancellationToken);
}

/// <summary>The core's way to the edges.</summary>
public interface IEdgePublisher
{
    Task PublishAsync(EdgeEvent edgeEvent, CancellationToken cancellationToken);
}

/// <summary>Implemented by the core: answers edge requests.</summary>
public interface ICoreRequestHandler
{
    Task<object> HandleAsync(CoreRequest request, CancellationToken cancellationToken);
}

/// <summary>Implemented by the edge: delivers core events to its connected customers.</summary>
public interface IEdgeEventHandler
{
    Task HandleAsync(EdgeEvent edgeEvent, CancellationToken cancellationToken);
}
