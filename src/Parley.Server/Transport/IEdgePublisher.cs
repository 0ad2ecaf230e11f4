using Parley.Server.Contracts;

namespace Parley.Server.Transport;

/// <summary>The core's way to the customers: delivers an event to the edge holding the conversation's customer.</summary>
public interface IEdgePublisher
{
    Task PublishAsync(EdgeEvent edgeEvent, CancellationToken cancellationToken);
}
