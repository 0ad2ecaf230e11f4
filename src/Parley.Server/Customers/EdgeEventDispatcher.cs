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

        // One connection at a time, each found by its id: Clients(ids) would test every connection of the hub against
        // the list (SignalR's DefaultHubLifetimeManager scans them all), a cost per event that grows with the customers online.
        if (ids.Count == 1)
        {
            return Push(hub.Clients.Client(ids[0]), about);
        }

        var pushes = new Task[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            pushes[i] = Push(hub.Clients.Client(ids[i]), about);
        }

        return Task.WhenAll(pushes);
    }

    private static Task Push(ICustomerClient client, ConversationEvent about) => about switch
    {
        MessageAppended e => client.Message(e.Message),
        AgentTyping e => client.Typing(new TypingView("agent", e.AgentName)),
        StatusChanged e => client.Status(e.Status),
        _ => Task.CompletedTask,
    };
}
