using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Edges;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Edges;

/// <summary>
/// The real server with its in-process edge, on a clock the test turns: when the edge stops sending heartbeats the
/// core logs it, reports Degraded naming it, and tells the agent their customer cannot be reached; when it is back,
/// all of it is undone, and what the agent wrote meanwhile reaches the customer.
/// </summary>
public sealed class EdgeOfflineTests
{
    [Fact]
    public async Task An_edge_that_stops_its_heartbeat_degrades_health_and_the_agent_is_told_the_customer_is_unreachable_until_it_is_back()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new CapturedLogs();
        var settings = new Dictionary<string, string?> { ["Logging:LogLevel:" + typeof(EdgeWatch).FullName] = "Information" };
        await using var server = new ParleyServer(settings: settings, configure: logs.AddTo, time: time);
        var heartbeats = new EdgeHeartbeats(server, time);
        await heartbeats.HeardAsync();
        using var http = server.CreateClient();
        await using var alice = await server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        var chat = await server.StartConversationAsync();
        var assigned = await alice.AcceptAsync(chat.ConversationId);
        Assert.True(assigned.CustomerReachable);
        Assert.Equal("Healthy", await http.GetStringAsync("healthz"));

        await heartbeats.StopAsync();
        time.Advance(EdgeHeartbeats.PastThree);

        var unreachable = await alice.Reachability.WaitForAsync(r => r.ConversationId == chat.ConversationId, "the customer unreachable");
        Assert.False(unreachable.CustomerReachable);
        Assert.Equal("Degraded", await http.GetStringAsync("healthz"));
        var report = await server.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, report.Entries["edges"].Status);
        Assert.Equal("Offline: local (default), no heartbeat for 16 s.", report.Entries["edges"].Description);
        var warning = Assert.Single(logs.Entries, e => e.Category == typeof(EdgeWatch).FullName && e.Level == LogLevel.Warning);
        Assert.Equal("Edge local (default) is offline: no heartbeat for 16 s", warning.Message);

        // What the agent writes meanwhile is stored; the customer reads it when back.
        var sent = await alice.Connection.InvokeAsync<MessageAccepted>("Send", chat.ConversationId, "m-offline", "Are you still there?");

        await heartbeats.StartAsync();

        await alice.Reachability.WaitForAsync(r => r.ConversationId == chat.ConversationId && r.CustomerReachable, "the customer reachable again");
        Assert.Equal("Healthy", await http.GetStringAsync("healthz"));
        Assert.Contains(logs.Entries, e => e.Category == typeof(EdgeWatch).FullName && e.Level == LogLevel.Information
            && e.Message == "Edge local (default) is online again after 16 s without a heartbeat");
        using var customer = server.CreateClient(chat.CustomerToken);
        var messages = await customer.GetFromJsonAsync<List<MessageView>>($"api/v1/conversations/{chat.ConversationId}/messages", TestJson.Options);
        Assert.Contains(messages!, m => m.Seq == sent.Seq && m.Text == "Are you still there?");
        Assert.Equal(2, alice.Reachability.Seen.Count);
    }
}
