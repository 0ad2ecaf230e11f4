using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Routing;
using Parley.Server.Accounts;
using Parley.Server.Components.Board;
using Parley.Server.RoutingHost;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Components;

/// <summary>The admin board holds the routing state the agent's own desk is told, not a copy of it field by field.</summary>
public sealed class BoardRowsTests : ServerPerTest
{
    [Fact]
    public async Task The_board_shows_each_agent_the_state_their_desk_is_told_and_a_signed_out_agent_offline()
    {
        await using var alice = await Server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        var told = await alice.Connection.InvokeAsync<AgentStateView>("GetState");
        var directory = Server.Services.GetRequiredService<AgentDirectory>();

        var rows = BoardRows.Agents(directory, Server.Services.GetRequiredService<LiveBoard>());

        var row = rows.Single(r => r.Username == "alice");
        Assert.Equal(AgentPresence.Available, row.State.Presence);
        Assert.Equal(JsonSerializer.Serialize(told, TestJson.Options), JsonSerializer.Serialize(row.State, TestJson.Options));
        var bob = rows.Single(r => r.Username == "bob");
        Assert.Equal(
            (AgentPresence.Offline, AgentStatus.Offline, directory.Find("bob")!.Capacity, false),
            (bob.State.Presence, bob.State.Status, bob.State.Capacity, bob.CanTakeForcedChat));
    }
}
