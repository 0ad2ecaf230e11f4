using Parley.Routing;
using Parley.Server.Agents;
using Parley.Server.RoutingHost;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Agents;

public sealed class AgentConnectionTests
{
    [Fact]
    public async Task An_agent_whose_last_connection_closes_is_set_offline_after_the_grace_time()
    {
        await using var server = new ParleyServer(settings: new Dictionary<string, string?> { ["Parley:Routing:SignOutAfterDisconnect"] = "00:00:01" });
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

        var snapshot = await offline.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(AgentStatus.Offline, snapshot.Status);
        Assert.Equal(0, server.Services.GetRequiredService<AgentConnections>().OpenCount("bob"));
    }

    [Fact]
    public async Task A_second_connection_keeps_the_agent_available_when_the_first_closes()
    {
        await using var server = new ParleyServer(settings: new Dictionary<string, string?> { ["Parley:Routing:SignOutAfterDisconnect"] = "00:00:01" });
        var connections = server.Services.GetRequiredService<AgentConnections>();
        await using var second = await server.ConnectAgentAsync("bob", ParleyServer.AgentPassword);
        var first = await server.ConnectAgentAsync("bob", ParleyServer.AgentPassword);
        await first.GoAvailableAsync();
        Assert.Equal(2, connections.OpenCount("bob"));

        await first.DisposeAsync();
        // Still reachable: a new chat is offered to Bob on the remaining connection (Alice is offline).
        var conversation = await server.StartConversationAsync();
        var offer = await second.Offers.WaitForAsync(o => o.ConversationId == conversation.ConversationId, "the offer on the second connection");

        Assert.Equal(conversation.ConversationId, offer.ConversationId);
    }
}
