using Microsoft.AspNetCore.SignalR;
using Parley.Server.Contracts;
using Parley.Server.Transport;

namespace Parley.Server.Customers;

/// <summary>The edge's side of core events: pushes them to the customers connected here.</summary>
internal sealed class EdgeEventDispatcher(IHubContext<CustomerHub, ICustomerClient> hub, CustomerConnections connections, EdgeAvailability availability) : IEdgeEventHandler
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

        if (connections.Of(about.ConversationId) is not { Count: > 0 } ids)
        {
            return Task.CompletedTask; // its customer is not connected here (now)
        }

        var group = hub.Clients.Clients(ids);
        return about switch
        {
            MessageAppended e => group.Message(e.Message),
            AgentTyping e => group.Typing(new TypingView("agent", e.AgentName)),
            StatusChanged e => group.Status(e.Status),
            _ => Task.CompletedTask,
        };
    }
}
