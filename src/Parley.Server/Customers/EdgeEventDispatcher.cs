using Microsoft.AspNetCore.SignalR;
using Parley.Server.Contracts;
using Parley.Server.Transport;

namespace Parley.Server.Customers;

/// <summary>The edge's side of core events: pushes them to the customers connected here.</summary>
internal sealed class EdgeEventDispatcher(IHubContext<CustomerHub, ICustomerClient> hub, EdgeAvailability availability) : IEdgeEventHandler
{
    public Task HandleAsync(EdgeEvent edgeEvent, CancellationToken cancellationToken)
    {
        if (edgeEvent is AvailabilityChanged changed)
        {
            availability.Apply(changed.Snapshot);
            return Task.CompletedTask;
        }

        if (edgeEvent is not ConversationEvent about)
        {
            return Task.CompletedTask;
        }

        var group = hub.Clients.Group(CustomerHub.Group(about.ConversationId));
        return about switch
        {
            MessageAppended e => group.Message(e.Message),
            AgentTyping e => group.Typing(new TypingView("agent", e.AgentName)),
            StatusChanged e => group.Status(e.Status),
            _ => Task.CompletedTask,
        };
    }
}
