using Parley.Server.Contracts;
using Parley.Server.Telemetry;
using Parley.Server.Transport;

namespace Parley.Server.Edges;

/// <summary>The core's <see cref="IEdgePublisher"/>: sends each conversation's event to the edge holding its customer.</summary>
internal sealed class EdgeRouter(ICoreTransport transport, EdgeDirectory directory, ParleyMetrics metrics, TimeProvider time) : IEdgePublisher
{
    public async Task PublishAsync(ConversationEvent edgeEvent, CancellationToken cancellationToken)
    {
        foreach (var edge in directory.EdgesFor(edgeEvent.ConversationId))
        {
            await transport.SendAsync(edge, edgeEvent, cancellationToken);
            if (edgeEvent is MessageAppended { Message: { Sender: MessageSender.Agent } message })
            {
                // Handed to the customer's edge (confirmed by the broker; in one process, pushed by it): the core's last word on it.
                metrics.Delivered("customer", time.GetUtcNow() - message.SentAt);
            }
        }

        if (edgeEvent is StatusChanged { Status.State: ConversationState.Ended })
        {
            directory.Forget(edgeEvent.ConversationId);
        }
    }

    public async Task BroadcastAsync(EdgeEvent edgeEvent, CancellationToken cancellationToken)
    {
        foreach (var edge in directory.List())
        {
            await transport.SendAsync(edge.Edge.Name, edgeEvent, cancellationToken);
        }
    }
}
