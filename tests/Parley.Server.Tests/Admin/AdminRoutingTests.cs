using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Admin;

/// <summary>Admin changes and external state reach routing at once, on a fresh server per test.</summary>
public sealed class AdminRoutingTests : IAsyncLifetime
{
    private const string ApiKey = "test-voice-platform-key-0123456789abcdef";
    private ParleyServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new ParleyServer(settings: new Dictionary<string, string?>
        {
            ["Parley:Integrations:ApiKeys:0:Name"] = "voice-platform",
            ["Parley:Integrations:ApiKeys:0:Key"] = ApiKey,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_agent_and_a_queue_created_through_the_api_route_a_chat_without_a_restart()
    {
        using var admin = _server.CreateClient(await _server.LoginAsync("admin"));
        await PutAsync(admin, "api/v1/admin/queues/returns", new
        {
            displayName = "Returns",
            requiredSkills = new[] { new { skill = "returns", minimumLevel = 3 } },
            questions = new[] { new { id = "reason", label = "Reason", type = "choice", options = new[] { "Broken", "Wrong size" }, required = true } },
            answerRules = new[] { new { question = "reason", answer = "Broken", priority = 5 } },
        });
        await PutAsync(admin, "api/v1/admin/agents/erin", new
        {
            displayName = "Erin Evans",
            password = "erin-password-1",
            queues = new[] { "returns" },
            skills = new[] { new { skill = "returns", level = 5 } },
        });

        await using var erin = await _server.ConnectAgentAsync("erin", "erin-password-1");
        await erin.GoAvailableAsync();
        var conversation = await _server.StartConversationAsync("returns", answers: new() { ["reason"] = "Broken" });
        var assigned = await erin.AcceptAsync(conversation.ConversationId);

        Assert.Equal(("Returns", "Broken"), (assigned.QueueDisplayName, assigned.Answers["reason"]));
    }

    [Fact]
    public async Task A_queue_with_an_open_conversation_cannot_be_deleted()
    {
        using var admin = _server.CreateClient(await _server.LoginAsync("admin"));
        await PutAsync(admin, "api/v1/admin/queues/short-lived", new { displayName = "Short lived" });
        var conversation = await _server.StartConversationAsync("short-lived", answers: []);

        await CustomerApiTests.AssertProblemAsync(await admin.DeleteAsync("api/v1/admin/queues/short-lived"), HttpStatusCode.Conflict, "open conversations");

        using var customer = _server.CreateClient(conversation.CustomerToken);
        (await customer.PostAsync($"api/v1/conversations/{conversation.ConversationId}/end", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("api/v1/admin/queues/short-lived")).StatusCode);
    }

    [Fact]
    public async Task An_agent_with_an_open_chat_cannot_be_deleted()
    {
        using var admin = _server.CreateClient(await _server.LoginAsync("admin"));
        await using var bob = await _server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        var conversation = await _server.StartConversationAsync("sales", answers: []);
        await bob.AcceptAsync(conversation.ConversationId);

        await CustomerApiTests.AssertProblemAsync(await admin.DeleteAsync("api/v1/admin/agents/bob"), HttpStatusCode.Conflict, "open chats");
    }

    [Fact]
    public async Task Busy_in_another_system_an_available_agent_gets_no_offer_until_the_integration_clears_it()
    {
        await using var bob = await _server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        using var integration = IntegrationClient(ApiKey);

        var busy = await integration.PutAsJsonAsync("api/v1/agents/bob/external-state", new { source = "voice", busy = true });
        var conversation = await _server.StartConversationAsync("sales", answers: []);
        // Sales allows manual pick: the pick list (read under the routing gate, after the start) shows the chat
        // waiting and not being offered, and no offer reached Bob before this answer.
        var waiting = await bob.Connection.InvokeAsync<List<WaitingChatView>>("GetPickList");

        Assert.Equal(HttpStatusCode.NoContent, busy.StatusCode);
        Assert.False(Assert.Single(waiting, w => w.ConversationId == conversation.ConversationId).BeingOffered);
        Assert.DoesNotContain(bob.Offers.Seen, o => o.ConversationId == conversation.ConversationId);

        var free = await integration.PutAsJsonAsync("api/v1/agents/bob/external-state", new { source = "voice", busy = false });

        Assert.Equal(HttpStatusCode.NoContent, free.StatusCode);
        await bob.AcceptAsync(conversation.ConversationId);
    }

    [Fact]
    public async Task External_state_needs_a_valid_key_or_a_supervisor_and_checks_agent_and_source()
    {
        using var wrongKey = IntegrationClient("not-the-key-not-the-key-not-the-key-0000");
        using var anonymous = _server.CreateClient();
        using var agent = _server.CreateClient(await _server.LoginAsync("bob"));
        using var supervisor = _server.CreateClient(await _server.LoginAsync("alice"));
        using var integration = IntegrationClient(ApiKey);
        var body = new { source = "voice", busy = true };

        var bad = await wrongKey.PutAsJsonAsync("api/v1/agents/bob/external-state", body);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("api/v1/agents/bob/external-state", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync("api/v1/agents/bob/external-state", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.PutAsJsonAsync("api/v1/agents/bob/external-state", new { source = "voice", busy = false })).StatusCode);
        await CustomerApiTests.AssertProblemAsync(await integration.PutAsJsonAsync("api/v1/agents/nobody/external-state", body), HttpStatusCode.NotFound, "nobody");

        var badSource = await CustomerApiTests.AssertProblemAsync(await integration.PutAsJsonAsync("api/v1/agents/bob/external-state", new { source = "Voice Calls", busy = true }), HttpStatusCode.BadRequest);
        Assert.True(badSource.GetProperty("errors").TryGetProperty("source", out _));
        var noBusy = await CustomerApiTests.AssertProblemAsync(await integration.PutAsJsonAsync("api/v1/agents/bob/external-state", new { source = "voice" }), HttpStatusCode.BadRequest);
        Assert.True(noBusy.GetProperty("errors").TryGetProperty("busy", out _));

        // An integration key opens the external state only, not the admin API.
        Assert.Equal(HttpStatusCode.Unauthorized, (await integration.GetAsync("api/v1/admin/agents")).StatusCode);
    }

    private HttpClient IntegrationClient(string key)
    {
        var client = _server.CreateClient();
        client.DefaultRequestHeaders.Add("X-Parley-Api-Key", key);
        return client;
    }

    private static async Task PutAsync(HttpClient client, string url, object body)
    {
        var response = await client.PutAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, $"PUT {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
