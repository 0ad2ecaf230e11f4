using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Parley.Server.Contracts;
using Parley.Server.Conversations;
using Parley.Server.Telemetry;

namespace Parley.Server.Agents;

/// <summary>
/// Tells an agent what happened, wherever they are signed in: hub connections (by user id) and open Blazor
/// desktops (by subscription).
/// </summary>
public sealed partial class AgentNotifier(IHubContext<AgentHub, IAgentClient> hub, ParleyMetrics metrics, TimeProvider time, ILogger<AgentNotifier> logger) : IAgentNotifier
{
    private readonly ConcurrentDictionary<string, ImmutableSubscribers> _subscribers = new(StringComparer.Ordinal);

    /// <summary>Receives every event for <paramref name="username"/> until disposed (a desk counts as a connection through its circuit, see DeskConnection).</summary>
    public IDisposable Subscribe(string username, Func<AgentEvent, Task> handler)
    {
        _subscribers.AddOrUpdate(username, _ => new([handler]), (_, s) => new([.. s.Handlers, handler]));
        return new Subscription(this, username, handler);
    }

    public async Task SendAsync(string username, AgentEvent agentEvent)
    {
        using var activity = ParleyTelemetry.Start("parley.agent.push", agentEvent.GetType().Name);
        var client = hub.Clients.Group(AgentHub.Group(username));
        await (agentEvent switch
        {
            OfferView e => client.Offer(e),
            OfferWithdrawnView e => client.OfferWithdrawn(e),
            AssignedConversationView e => client.Assigned(e),
            AgentMessageView e => client.Message(e),
            CustomerTypingView e => client.Typing(e),
            ConversationEndedView e => client.ConversationEnded(e),
            AgentStateView e => client.StateChanged(e),
            TransferFailedView e => client.TransferFailed(e),
            ConversationTransferredView e => client.ConversationTransferred(e),
            CustomerReachabilityView e => client.CustomerReachability(e),
            ReplyOverdueView e => client.ReplyOverdue(e),
            CustomerPageView e => client.CustomerPage(e),
            AgentNoteView e => client.Note(e),
            MonitoredMessageView e => client.MonitoredMessage(e),
            _ => throw new ArgumentOutOfRangeException(nameof(agentEvent), agentEvent.GetType().Name, "Unknown agent event."),
        });
        if (agentEvent is AgentMessageView { Message: { Sender: MessageSender.Customer } message })
        {
            metrics.Delivered("agent", time.GetUtcNow() - message.SentAt);
        }

        if (_subscribers.TryGetValue(username, out var subscribers))
        {
            foreach (var handler in subscribers.Handlers)
            {
                try
                {
                    await handler(agentEvent);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One broken desktop must not stop delivery to the others.
                    LogSubscriberFailed(e, username);
                }
            }
        }
    }

    private void Unsubscribe(string username, Func<AgentEvent, Task> handler)
    {
        _subscribers.AddOrUpdate(username, _ => new([]), (_, s) => new([.. s.Handlers.Where(h => h != handler)]));
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "A desktop of agent {Username} failed to take an event")]
    private partial void LogSubscriberFailed(Exception exception, string username);

    private sealed record ImmutableSubscribers(IReadOnlyList<Func<AgentEvent, Task>> Handlers);

    private sealed class Subscription(AgentNotifier owner, string username, Func<AgentEvent, Task> handler) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(username, handler);
    }
}
