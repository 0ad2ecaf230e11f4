using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Routing;
using Parley.Server.Conversations;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Conversations;

/// <summary>
/// U+0000 and unpaired surrogates are not text: PostgreSQL refuses them (22021), so every provider refuses
/// them at validation, with a 400 naming the field or a hub error, for customers, agents and admins alike.
/// </summary>
public sealed class InvalidTextTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ParleyServer _server = fixture.Server;

    /// <summary>JSON escapes, so that the body carries exactly this character whatever the serializer would do.</summary>
    public static TheoryData<string> Bad => new() { "\\u0000", "\\ud800", "\\udfff" };

    [Theory]
    [MemberData(nameof(Bad))]
    public async Task A_start_with_it_in_the_name_or_an_answer_is_400(string bad)
    {
        using var client = _server.CreateClient();

        var name = await PostRawAsync(client, "api/v1/conversations", $$$"""{"queue":"sales","customer":{"name":"Ann{{{bad}}}"}}""");
        var answer = await PostRawAsync(client, "api/v1/conversations", $$$"""{"queue":"sales","customer":{"name":"Ann"},"answers":{"interest":"shoes{{{bad}}}"}}""");

        await AssertRefusedAsync(name, bad, "customer.name");
        await AssertRefusedAsync(answer, bad, "answers.interest");
    }

    [Theory]
    [MemberData(nameof(Bad))]
    public async Task A_message_with_it_in_the_text_or_the_clientMessageId_is_400(string bad)
    {
        var conversation = await _server.StartConversationAsync(queue: "sales");
        using var client = _server.CreateClient(conversation.CustomerToken);
        var url = $"api/v1/conversations/{conversation.ConversationId}/messages";

        var text = await PostRawAsync(client, url, $$$"""{"clientMessageId":"{{{Guid.NewGuid()}}}","text":"hello{{{bad}}}"}""");
        var id = await PostRawAsync(client, url, $$$"""{"clientMessageId":"id{{{bad}}}","text":"hello"}""");

        await AssertRefusedAsync(text, bad, "text");
        await AssertRefusedAsync(id, bad, "clientMessageId");
    }

    [Fact]
    public async Task The_customer_hub_refuses_it_in_the_text_and_the_clientMessageId()
    {
        var conversation = await _server.StartConversationAsync(queue: "sales");
        await using var hub = await _server.ConnectCustomerAsync(conversation.CustomerToken);

        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageAccepted>("Send", Guid.NewGuid().ToString(), "a\0b"));
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageAccepted>("Send", "id\0", "hello"));
        var stored = await _server.Services.GetRequiredService<ConversationLog>().GetMessagesAsync(conversation.ConversationId, 0, default);
        Assert.DoesNotContain(stored, m => m.Text.Contains('\0', StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_agent_message_and_a_presence_reason_with_it_are_hub_errors()
    {
        await using var agent = await _server.ConnectAgentAsync("bob");
        await Assert.ThrowsAsync<HubException>(() => agent.Connection.InvokeAsync("SetPresenceWithReason", AgentPresence.Away, "lunch\0"));
        await agent.GoAvailableAsync();
        await _server.StartConversationAsync(queue: "sales");
        var offer = await agent.Offers.WaitForAsync(_ => true, "an offer to Bob");
        var chat = await agent.Connection.InvokeAsync<AssignedConversationView>("Accept", offer.OfferId);

        await Assert.ThrowsAsync<HubException>(() => agent.Connection.InvokeAsync<MessageAccepted>("Send", chat.ConversationId, Guid.NewGuid().ToString(), "a\0b"));
        await Assert.ThrowsAsync<HubException>(() => agent.Connection.InvokeAsync<MessageAccepted>("Send", chat.ConversationId, "id\0", "hello"));
        var stored = await _server.Services.GetRequiredService<ConversationLog>().GetMessagesAsync(chat.ConversationId, 0, default);
        Assert.DoesNotContain(stored, m => m.Text.Contains('\0', StringComparison.Ordinal) || (m.ClientMessageId?.Contains('\0', StringComparison.Ordinal) ?? false));
    }

    [Theory]
    [MemberData(nameof(Bad))]
    public async Task Admin_display_names_welcome_labels_and_options_with_it_are_400(string bad)
    {
        using var admin = _server.CreateClient(await _server.LoginAsync("admin"));

        var agent = await PutRawAsync(admin, "api/v1/admin/agents/bad-text", $$$"""{"displayName":"Eve{{{bad}}}","password":"a-long-enough-password","roles":["agent"],"queues":["sales"],"capacity":2}""");
        var queue = await PutRawAsync(admin, "api/v1/admin/queues/bad-text", $$$"""
            {"displayName":"Bad{{{bad}}}","welcome":"Hi{{{bad}}}","offerTimeoutSeconds":20,
             "questions":[{"id":"q","label":"Q{{{bad}}}","type":"choice","options":["A{{{bad}}}"],"required":false}]}
            """);

        await AssertRefusedAsync(agent, bad, "displayName");
        await AssertRefusedAsync(queue, bad, "displayName", "welcome", "questions[0].label", "questions[0].options[0]");
    }

    internal static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    private static Task<HttpResponseMessage> PutRawAsync(HttpClient client, string url, string json) =>
        client.PutAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>400 with problem details; a NUL reaches validation, which names the field (a broken surrogate may stop at the JSON reader).</summary>
    internal static async Task AssertRefusedAsync(HttpResponseMessage response, string bad, params string[] fields)
    {
        var problem = await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        if (bad == "\\u0000")
        {
            var errors = problem.GetProperty("errors");
            foreach (var field in fields)
            {
                Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {problem}");
            }
        }
    }
}

/// <summary>The same rule on PostgreSQL, which is where a NUL used to become a 500.</summary>
public sealed class InvalidTextOnPostgresTests : IAsyncLifetime
{
    private PostgresTestDatabase _database = null!;
    private ParleyServer _server = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        _server = new ParleyServer(settings: _database.ServerSettings());
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_NUL_in_a_name_an_answer_a_message_or_a_clientMessageId_is_400_not_500()
    {
        using var anonymous = _server.CreateClient();
        var name = await InvalidTextTests.PostRawAsync(anonymous, "api/v1/conversations", """{"queue":"sales","customer":{"name":"Ann\u0000"}}""");
        var answer = await InvalidTextTests.PostRawAsync(anonymous, "api/v1/conversations", """{"queue":"sales","customer":{"name":"Ann"},"answers":{"interest":"\u0000"}}""");
        var conversation = await _server.StartConversationAsync(queue: "sales");
        using var client = _server.CreateClient(conversation.CustomerToken);
        var url = $"api/v1/conversations/{conversation.ConversationId}/messages";
        var text = await InvalidTextTests.PostRawAsync(client, url, """{"clientMessageId":"a","text":"a\u0000b"}""");
        var id = await InvalidTextTests.PostRawAsync(client, url, """{"clientMessageId":"\u0000","text":"hello"}""");

        await InvalidTextTests.AssertRefusedAsync(name, "\\u0000", "customer.name");
        await InvalidTextTests.AssertRefusedAsync(answer, "\\u0000", "answers.interest");
        await InvalidTextTests.AssertRefusedAsync(text, "\\u0000", "text");
        await InvalidTextTests.AssertRefusedAsync(id, "\\u0000", "clientMessageId");

        // The conversation still works.
        using var ok = await client.PostAsJsonAsync(url, new { clientMessageId = "b", text = "fine" });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }
}
