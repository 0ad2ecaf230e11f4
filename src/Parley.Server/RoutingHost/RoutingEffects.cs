using Parley.Routing;
using Parley.Server.Contracts;
using Parley.Server.Transport;

namespace Parley.Server.RoutingHost;

/// <summary>
/// Carries out the routing engine's decisions: hands each event to the features' handlers (conversations record
/// assignments and moves, agents are told of offers and their state) and tells waiting customers their standing.
/// </summary>
public sealed class RoutingEffects(IEnumerable<IRoutingEffectHandler> handlers, IEdgePublisher edge)
{
    private readonly IRoutingEffectHandler[] _handlers = [.. handlers];

    public async Task ApplyAsync(RoutingEvent routingEvent)
    {
        foreach (var handler in _handlers)
        {
            await handler.ApplyAsync(routingEvent);
        }
    }

    /// <summary>Tells a waiting customer their place and the estimated wait.</summary>
    public Task PushStandingAsync(QueueStanding standing) =>
        edge.PublishAsync(new StatusChanged(standing.ConversationId, ConversationStatus.Queued(standing)), CancellationToken.None);
}
