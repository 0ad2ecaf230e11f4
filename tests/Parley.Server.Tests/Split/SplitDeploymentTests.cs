using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Customers;
using Parley.Server.Edges;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Split;

/// <summary>
/// The DMZ deployment for real: a core and two edges, each edge with its own least-privilege broker user, talking
/// only through RabbitMQ. Customers use the edges; the agent uses the core.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class SplitDeploymentTests : IAsyncLifetime
{
    private SplitDeployment _split = null!;

    public async Task InitializeAsync() => _split = await SplitDeployment.StartAsync(["edge-1", "edge-2"]);

    public async Task DisposeAsync() => await _split.DisposeAsync();

    [Fact]
    public async Task A_customer_on_each_edge_chats_with_an_agent_on_the_core()
    {
        await using var alice = await _split.CoreAddress.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(_split.Edge("edge-1"), name: "Ann");
        await using var ben = await CustomerSession.StartAsync(_split.Edge("edge-2"), name: "Ben");

        await alice.AcceptAsync(ann.Id);
        await alice.AcceptAsync(ben.Id);
        await ann.SendAsync("Hello from Amsterdam");
        await ben.SendAsync("Hello from Dublin");
        await alice.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "Hi Ann");
        await alice.Connection.InvokeAsync<MessageAccepted>("Send", ben.Id, Guid.NewGuid().ToString(), "Hi Ben");

        await alice.Messages.WaitForAsync(m => m.ConversationId == ann.Id && m.Message.Text == "Hello from Amsterdam", "Ann's message at the agent");
        await alice.Messages.WaitForAsync(m => m.ConversationId == ben.Id && m.Message.Text == "Hello from Dublin", "Ben's message at the agent");
        await ann.Messages.WaitForAsync(m => m.Text == "Hi Ann", "the agent's answer at Ann, through edge-1");
        await ben.Messages.WaitForAsync(m => m.Text == "Hi Ben", "the agent's answer at Ben, through edge-2");
        Assert.DoesNotContain(ann.Messages.Seen, m => m.Text == "Hi Ben");
        Assert.DoesNotContain(ben.Messages.Seen, m => m.Text == "Hi Ann");
    }

    [Fact]
    public async Task The_core_lists_both_edges_with_site_version_and_clock_offset()
    {
        var directory = _split.Core!.Services.GetRequiredService<EdgeDirectory>();

        var edges = await Eventually.ThatAsync(() => directory.List(), l => l.Count(e => e.Online) == 2, "both edges' heartbeats");

        Assert.Equal(["edge-1", "edge-2"], edges.Select(e => e.Edge.Name));
        Assert.Equal(["Site of edge-1", "Site of edge-2"], edges.Select(e => e.Edge.Site));
        Assert.All(edges, e => Assert.False(string.IsNullOrEmpty(e.Edge.Version)));
        // Same machine, same clock: only transit time separates them.
        Assert.All(edges, e => Assert.False(e.ClockWarning));
    }

    [Fact]
    public async Task A_customer_who_reconnects_through_the_other_edge_is_followed_there()
    {
        await using var alice = await _split.CoreAddress.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(_split.Edge("edge-1"), name: "Ann");
        await alice.AcceptAsync(ann.Id);
        await ann.Connection.StopAsync();

        // The same customer token works on every edge of the installation.
        await using var elsewhere = await _split.Edge("edge-2").ConnectCustomerAsync(ann.Conversation.CustomerToken);
        var received = new Inbox<MessageView>();
        elsewhere.On<MessageView>(nameof(ICustomerClient.Message), received.Add);
        var resumed = await elsewhere.InvokeAsync<ResumeView>("Resume", 0L);
        await alice.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "Still there?");

        Assert.Equal(ConversationState.Assigned, resumed.Status.State);
        await received.WaitForAsync(m => m.Text == "Still there?", "the agent's message through edge-2");
    }

    [Fact]
    public async Task The_edges_hold_no_conversation_history_or_internal_api()
    {
        using var client = _split.Edge("edge-1").CreateClient();

        var admin = await client.GetAsync("api/v1/admin/queues");
        var desktop = await client.GetAsync("agent");

        Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, desktop.StatusCode);
        Assert.False(File.Exists(Path.Combine(_split.Edge("edge-1").DataDirectory, "parley.db")));
    }
}
