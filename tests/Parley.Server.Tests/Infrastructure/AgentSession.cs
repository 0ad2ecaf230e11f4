using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Agents;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>An agent connected to /hubs/agent, with everything the server pushed.</summary>
public sealed class AgentSession : IAsyncDisposable
{
    public AgentSession(string username, HubConnection connection)
    {
        Username = username;
        Connection = connection;
        connection.On<OfferView>(nameof(IAgentClient.Offer), Offers.Add);
        connection.On<OfferWithdrawnView>(nameof(IAgentClient.OfferWithdrawn), Withdrawn.Add);
        connection.On<AssignedConversationView>(nameof(IAgentClient.Assigned), Assigned.Add);
        connection.On<AgentMessageView>(nameof(IAgentClient.Message), Messages.Add);
        connection.On<CustomerTypingView>(nameof(IAgentClient.Typing), Typing.Add);
        connection.On<ConversationEndedView>(nameof(IAgentClient.ConversationEnded), Ended.Add);
        connection.On<AgentStateView>(nameof(IAgentClient.StateChanged), State.Add);
        connection.On<TransferFailedView>(nameof(IAgentClient.TransferFailed), TransferFailed.Add);
        connection.On<ConversationTransferredView>(nameof(IAgentClient.ConversationTransferred), Transferred.Add);
        connection.On<CustomerReachabilityView>(nameof(IAgentClient.CustomerReachability), Reachability.Add);
        connection.On<ReplyOverdueView>(nameof(IAgentClient.ReplyOverdue), ReplyOverdue.Add);
        connection.On<CustomerPageView>(nameof(IAgentClient.CustomerPage), CustomerPage.Add);
        connection.On<AgentNoteView>(nameof(IAgentClient.Note), Notes.Add);
        connection.On<MonitoredMessageView>(nameof(IAgentClient.MonitoredMessage), Monitored.Add);
    }

    public string Username { get; }
    public HubConnection Connection { get; }
    public Inbox<OfferView> Offers { get; } = new();
    public Inbox<OfferWithdrawnView> Withdrawn { get; } = new();
    public Inbox<AssignedConversationView> Assigned { get; } = new();
    public Inbox<AgentMessageView> Messages { get; } = new();
    public Inbox<CustomerTypingView> Typing { get; } = new();
    public Inbox<ConversationEndedView> Ended { get; } = new();
    public Inbox<AgentStateView> State { get; } = new();
    public Inbox<TransferFailedView> TransferFailed { get; } = new();
    public Inbox<ConversationTransferredView> Transferred { get; } = new();
    public Inbox<CustomerReachabilityView> Reachability { get; } = new();
    public Inbox<ReplyOverdueView> ReplyOverdue { get; } = new();
    public Inbox<CustomerPageView> CustomerPage { get; } = new();
    public Inbox<AgentNoteView> Notes { get; } = new();
    public Inbox<MonitoredMessageView> Monitored { get; } = new();

    public Task GoAvailableAsync() => Connection.InvokeAsync("SetPresence", "available");

    /// <summary>Waits for the offer of <paramref name="conversationId"/> and accepts it.</summary>
    public async Task<AssignedConversationView> AcceptAsync(Guid conversationId)
    {
        var offer = await Offers.WaitForAsync(o => o.ConversationId == conversationId, $"an offer of {conversationId} to {Username}");
        return await Connection.InvokeAsync<AssignedConversationView>("Accept", offer.OfferId);
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
