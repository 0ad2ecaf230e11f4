using Parley.Routing;

namespace Parley.Server.RoutingHost;

/// <summary>
/// Carries out the routing engine's decisions that concern one feature (conversations, agents). Each handler is
/// given every event outside routing's gate, in decision order for each conversation and each agent
/// (<see cref="EffectsPipeline"/>), and ignores the events that are not its own. A handler never calls routing back.
/// </summary>
public interface IRoutingEffectHandler
{
    Task ApplyAsync(RoutingEvent routingEvent);
}
