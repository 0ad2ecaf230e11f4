using Parley.Server.Contracts;

namespace Parley.Server.Transport;

/// <summary>The core's way to the customers: through the edges.</summary>
public interface IEdgePublisher
{
    /// <summary>Delivers an event to the edge holding the conversation's customer.</summary>
    Task PublishAsync(ConversationEvent edgeEvent, CancellationToken cancellationToken);

    /// <summary>Delivers an event to every edge the core knows (listed, online or not: a broker keeps it for one that is away).</summary>
    Task BroadcastAsync(EdgeEvent edgeEvent, CancellationToken cancellationToken);
}
