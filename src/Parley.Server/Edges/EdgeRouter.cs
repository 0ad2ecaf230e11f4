using Parley.Server.Contracts;
using Parley.Server.Transport;

namespace Parley.Server.Edges;

/// <summary>The core's <see cref="IEdgePublisher"/>: sends each event to the edge holding that conversation's customer.</summary>
internal sealed class EdgeRouter(ICoreTransport transport, EdgeDirectory directory) : IEdgePublisher
{
    public async Task PublishAsync(EdgeEvent edgeEvent, CancellationToken cancellationToken)
    {
        foreach (var edge in directory.EdgesFor(edgeEvent.ConversationId))
        {
            await transport.SendAsync(edge, edgeEvent, cancellationToken);
        }

        if (edgeEvent is StatusChanged { Status.State: ConversationState.Ended })
        {
            directory.Forget(edgeEvent.ConversationId);
        }
    }
}
