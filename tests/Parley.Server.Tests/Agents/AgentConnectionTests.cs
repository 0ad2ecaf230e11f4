using Microsoft.Extensions.Time.Testing;
using Parley.Routing;
using Parley.Server.Agents;
using Parley.Server.RoutingHost;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Agents;

/// <summary>The sign-out grace (Parley:Routing:SignOutAfterDisconnect, 1 minute by default) on a fake clock: driven, not waited.</summary>
public sealed class AgentConnectionTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task An_agent_whose_last_connection_closes_is_set_offline_after_the_grace_time()
    {
        await using var server = new ParleyServer(time: new FakeTimeProvider(DateTimeOffset.UtcNow));
        var board = server.Services.GetRequiredService<LiveBoard>();
        var offline = new TaskCompletionSource<AgentSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        board.Changed += () =>
        {
            if (board.Agent("bob") is { Presence: AgentPresence.Offline, Reason: AgentConnections.DisconnectedReason } bob)
            {
                offline.TrySetResult(bob);
            }
        };

        var session = await server.ConnectAgentAsync("bob", ParleyServer.AgentPassword);
        await session.GoAvailableAsync();
        Assert.Equal(AgentPresence.Available, board.Agent("bob")!.Presence);
        await session.DisposeAsync();
        var connections = server.Services.GetRequiredService<AgentConnections>();
        await Eventually.ThatAsync(() => connections.OpenCount("bob"), n => n == 0, "the server noticed the connection closed");
        server.Time.Advance(Grace - TimeSpan.FromSeconds(1));
        Assert.False(offline.Task.IsCompleted, "set Offline before the grace time ended");

        // The grace started when the server noticed the close, a moment after the count went to 0: a second more, until it ends.
        await server.Time.RunUntilAsync(TimeSpan.FromSeconds(1), () => offline.Task.IsCompleted, done => done, "Bob set Offline");
        var snapshot = await offline.Task;
        Assert.Equal(AgentStatus.Offline, snapshot.Status);
        Assert.Equal(0, connections.OpenCount("bob"));
    }

    [Fact]
    public async Task A_second_connection_keeps_the_agent_available_when_the_first_closes()
    {
        await using var server = new ParleyServer(time: new FakeTimeProvider(DateTimeOffset.UtcNow));
        var connections = server.Services.GetRequiredService<AgentConnections>();
        await using var second = await server.ConnectAgentAsync("bob", ParleyServer.AgentPassword);
        var first = await server.ConnectAgentAsync("bob", ParleyServer.AgentPassword);
        await first.GoAvailableAsync();
        Assert.Equal(2, connections.OpenCount("bob"));

        await first.DisposeAsync();
        await Eventually.ThatAsync(() => connections.OpenCount("bob"), n => n == 1, "the server noticed the first connection closed");
        server.Time.Advance(Grace + TimeSpan.FromSeconds(1));
        // Still reachable: a new chat is offered to Bob on the remaining connection (Alice is offline).
        var conversation = await server.StartConversationAsync();
        var offer = await second.Offers.WaitForAsync(o => o.ConversationId == conversation.ConversationId, "the offer on the second connection");

        Assert.Equal(conversation.ConversationId, offer.ConversationId);
    }
}
