using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Telemetry;

/// <summary><c>/metrics</c> on an all-in-one server: what it shows after a chat, and who may read it.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_read_from_loopback_count_a_message_and_its_delivery_latency()
    {
        await using var server = new ParleyServer();
        await using var alice = await server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(server, name: "Ann");
        await alice.AcceptAsync(ann.Id);

        await ann.SendAsync("Hello");
        await alice.Messages.WaitForAsync(m => m.ConversationId == ann.Id && m.Message.Text == "Hello", "the message at the agent");
        await alice.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "Hi Ann");
        await ann.Messages.WaitForAsync(m => m.Text == "Hi Ann", "the answer at Ann");
        using var client = server.CreateClient();
        var metrics = await client.GetStringAsync("metrics");

        Assert.Contains("parley_messages_accepted_total{", metrics);
        Assert.Contains("parley_message_sender=\"customer\"", metrics);
        Assert.Contains("parley_message_sender=\"agent\"", metrics);
        Assert.Contains("parley_messages_delivered_total{", metrics);
        Assert.Contains("parley_messages_delivery_latency_seconds_bucket{", metrics);
        Assert.Contains("parley_message_recipient=\"agent\"", metrics);
        Assert.Contains("parley_message_recipient=\"customer\"", metrics);
        Assert.Contains("parley_messages_batch_size_bucket{", metrics);
        Assert.Contains("parley_offers_total{", metrics);
        Assert.Contains("parley_offer_outcome=\"accepted\"", metrics);
        Assert.Contains("parley_queue_waiting{", metrics);
        Assert.Contains("parley_queue_longest_wait_seconds{", metrics);
        Assert.Contains("parley_agents{", metrics);
    }

    [Fact]
    public async Task Metrics_answer_only_clients_of_the_configured_networks_and_look_like_any_missing_path_to_others()
    {
        await using var server = new ParleyServer(settings: new Dictionary<string, string?>
        {
            ["Parley:Telemetry:MetricsNetworks:0"] = "198.51.100.0/24",
        });
        using var client = server.CreateClient();

        // The test connects from 127.0.0.1, outside the network; through the proxy of this host (loopback is a trusted
        // proxy by default) it is the client the proxy names.
        var fromHere = await client.GetAsync("metrics");
        var missing = await client.GetAsync("no-such-path");
        var allowed = await client.SendAsync(Forwarded("198.51.100.7"));

        Assert.Equal(HttpStatusCode.NotFound, fromHere.StatusCode);
        Assert.Equal(await ProblemAsync(missing), await ProblemAsync(fromHere));
        Assert.Equal(missing.Content.Headers.ContentType, fromHere.Content.Headers.ContentType);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task By_default_only_this_host_reads_metrics_not_a_client_behind_a_local_proxy()
    {
        await using var server = new ParleyServer();
        using var client = server.CreateClient();

        var local = await client.GetAsync("metrics");
        var throughProxy = await client.SendAsync(Forwarded("203.0.113.9"));

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, throughProxy.StatusCode);
    }

    /// <summary>The problem details of a 404 without its trace id (which differs per request).</summary>
    private static async Task<string> ProblemAsync(HttpResponseMessage response)
    {
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        problem.Remove("traceId");
        return problem.ToJsonString();
    }

    private static HttpRequestMessage Forwarded(string client)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.Add("X-Forwarded-For", client);
        return request;
    }
}
