using Parley.Server.Contracts;

namespace Parley.Server.Transport;

/// <summary>Implemented by the edge: delivers core events to its connected customers.</summary>
public interface IEdgeEventHandler
{
    Task HandleAsync(EdgeEvent edgeEvent, CancellationToken cancellationToken);
}
