using Microsoft.AspNetCore.SignalR;
using Parley.Server.Contracts;
using Parley.Server.Transport;

namespace Parley.Server.Customers;

/// <summary>The edge's side of core events: pushes them to the customers connected here.</summary>
internal sealed class EdgeEventDispatcher(IHubContext<CustomerHub, ICustomerClient> hub) : IEdgeEventHandler
{
    public Task HandleAsync(EdgeEvent edgeEvent, CancellationToken cancellationToken)
    {
        var group = hub.Clients.Group(CustomerHub.Group(edgeEvent.ConversationId));
        return edgeEvent switch
        {
            MessageAppended e => group.Message(e.Message),
            AgentTyping e => group.Typing(new TypingView("agent", e.AgentName)),
            StatusChanged e => group.Status(e.Status),
            _ => Task.CompletedTask,
        };
    }
}
