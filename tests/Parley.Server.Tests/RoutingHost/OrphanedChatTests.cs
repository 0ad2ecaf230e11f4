using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using Parley.Routing;
using Parley.Server.Agents;
using Parley.Server.Conversations;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.RoutingHost;

/// <summary>
/// An agent who goes Offline with open chats must not strand them: each goes back to its queue with its original
/// place and the customer is told; a supervisor can move a chat an agent holds. Demo data: Alice (supervisor) and Bob
/// in "Customer support".
/// </summary>
public sealed class OrphanedChatTests
{
    private const string Returned = "had to leave. Your chat is back in the queue, keeping its place";

    [Fact]
    public async Task An_agent_who_goes_Offline_returns_the_chat_to_the_queue_keeping_its_place_and_the_customer_is_told()
    {
        await using var server = new ParleyServer(time: new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var bob = await server.ConnectAgentAsync("bob", ParleyServer.AgentPassword);
        await using var alice = await server.ConnectAgentAsync("alice", ParleyServer.AgentPassword);
        await bob.GoAvailableAsync();
        await using var first = await CustomerSession.StartAsync(server, "support", "Customer One");
        await bob.AcceptAsync(first.Id);
        await first.Status.WaitForAsync(s => s.AgentName == "Bob Baker", "Bob joined");

        // Bob steps away; a later chat waits at place 1 (Alice is still Offline).
        await bob.Connection.InvokeAsync("SetPresenceWithReason", AgentPresence.Away, "Lunch");
        await using var second = await CustomerSession.StartAsync(server, "support", "Customer Two");
        Assert.Equal(1, second.Conversation.Status.Position);

        await bob.Connection.InvokeAsync("SetPresence", "offline");

        var queued = await first.Status.WaitForAsync(s => s.State == ConversationState.Queued, "the customer told the chat is queued again");
        var told = await first.Messages.WaitForAsync(m => m.Sender == MessageSender.System && m.Text.Contains(Returned, StringComparison.Ordinal), "the system message");
        await bob.Transferred.WaitForAsync(t => t.ConversationId == first.Id, "Bob's desk loses the chat");
        // Places are pushed at the standing publisher's next turn (Parley:Routing:StandingInterval, 1 s).
        await server.Time.RunUntilAsync(TimeSpan.FromSeconds(1), first.Status, s => s.Position == 1, "the returned chat keeps place 1");
        await server.Time.RunUntilAsync(TimeSpan.FromSeconds(1), second.Status, s => s.Position == 2, "the later chat moves to place 2");
        Assert.Null(queued.AgentName);
        Assert.StartsWith("Bob Baker had to leave.", told.Text, StringComparison.Ordinal);
        Assert.Equal(ConversationState.Queued, (await ConversationAsync(server, first.Id)).State);

        // The next agent gets the returned chat first, ahead of the later one.
        await alice.GoAvailableAsync();
        var offer = await alice.Offers.WaitForAsync(o => o.ConversationId == first.Id || o.ConversationId == second.Id, "the next offer");
        Assert.Equal(first.Id, offer.ConversationId);
        await alice.Connection.InvokeAsync<AssignedConversationView>("Accept", offer.OfferId);
        await first.Status.WaitForAsync(s => s.AgentName == "Alice Adams", "Alice joined");
    }

    [Fact]
    public async Task An_agent_set_Offline_by_the_disconnect_timer_returns_their_chats()
    {
        await using var server = new ParleyServer(time: new FakeTimeProvider(DateTimeOffset.UtcNow));
        var bob = await server.ConnectAgentAsync("bob", ParleyServer.AgentPassword);
        await bob.GoAvailableAsync();
        await using var customer = await CustomerSession.StartAsync(server, "support", "Customer One");
        await bob.AcceptAsync(customer.Id);
        await customer.Status.WaitForAsync(s => s.AgentName == "Bob Baker", "Bob joined");

        await bob.DisposeAsync();

        // The grace (Parley:Routing:SignOutAfterDisconnect, 1 minute by default) runs from when the server notices the
        // close: the clock moves on until it has.
        await server.Time.RunUntilAsync(TimeSpan.FromSeconds(30), customer.Status, s => s.State == ConversationState.Queued, "queued again after the disconnect");
        await customer.Messages.WaitForAsync(m => m.Sender == MessageSender.System && m.Text.Contains(Returned, StringComparison.Ordinal), "the system message");
    }

    [Fact]
    public async Task A_supervisor_gives_a_held_chat_to_another_agent_or_to_a_queue_and_an_agent_cannot()
    {
        await using var server = new ParleyServer();
        var desk = server.Services.GetRequiredService<AgentDesk>();
        await using var bob = await server.ConnectAgentAsync("bob", ParleyServer.AgentPassword);
        await using var alice = await server.ConnectAgentAsync("alice", ParleyServer.AgentPassword);
        await bob.GoAvailableAsync();
        await using var customer = await CustomerSession.StartAsync(server, "support", "Customer One");
        await bob.AcceptAsync(customer.Id);
        await alice.GoAvailableAsync();

        var refused = await Assert.ThrowsAsync<CoreException>(() => desk.ForceAssignAsync("bob", customer.Id, "alice", CancellationToken.None));
        Assert.Equal(CoreError.Forbidden, refused.Error);
        Assert.Contains(await desk.GetAssignedAsync("alice", CancellationToken.None), c => c.ConversationId == customer.Id && c.AgentUsername == "bob");

        await desk.ForceAssignAsync("alice", customer.Id, "alice", CancellationToken.None);
        await alice.Assigned.WaitForAsync(a => a.ConversationId == customer.Id, "Alice gets the chat");
        await bob.Transferred.WaitForAsync(t => t.ConversationId == customer.Id && t.ToAgentName == "Alice Adams", "Bob's desk loses it");
        await customer.Messages.WaitForAsync(m => m.Text == "Alice Adams took over the chat from Bob Baker.", "the customer is told");

        await alice.Connection.InvokeAsync("SetPresenceWithReason", AgentPresence.Away, "Meeting");
        await desk.MoveToQueueAsync("alice", customer.Id, "sales", CancellationToken.None);
        await customer.Status.WaitForAsync(s => s.State == ConversationState.Queued, "queued in sales");
        await customer.Messages.WaitForAsync(m => m.Text.StartsWith("Your chat was moved to Sales, keeping its place", StringComparison.Ordinal), "the customer is told");
        Assert.Equal("sales", (await ConversationAsync(server, customer.Id)).Queue);
    }

    private static async Task<ConversationRecord> ConversationAsync(ParleyServer server, Guid id) =>
        await server.Services.GetRequiredService<ConversationLog>().FindAsync(id, CancellationToken.None) ?? throw new InvalidOperationException("no conversation");
}
