using Parley.Routing;

namespace Parley.Server.RoutingHost;

/// <summary>
/// Carries out the routing engine's decisions that concern one feature (conversations, agents). Each handler is
/// given every event, in decision order, under routing's gate, and ignores the events that are not its own.
/// </summary>
public interface IRoutingEffectHandler
{
    Task ApplyAsync(RoutingEvent routingEvent);
}
