using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Server.RoutingHost;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Customers;

/// <summary>
/// A start the edge could not get answered: 503 with Retry-After, and a retry with the same Idempotency-Key gives the
/// same chat — also when the core did start it and only its answer was lost.
/// </summary>
public sealed class StartRetryTests : IAsyncLifetime
{
    private ParleyServer _server = null!;
    private CoreOutage _outage = null!;

    public Task InitializeAsync()
    {
        _server = new ParleyServer(settings: new Dictionary<string, string?> { ["Parley:Customers:UnavailableRetryAfter"] = "00:00:03" }, configure: CoreOutage.Install);
        _outage = CoreOutage.Of(_server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_start_the_core_does_not_answer_is_503_problem_details_with_Retry_After_that_the_widget_may_read()
    {
        _outage.Refuse(1);
        using var client = _server.CreateClient();
        using var request = StartRequest(Guid.NewGuid().ToString(), "Una Vailable");
        request.Headers.Add("Origin", "https://shop.example");

        using var response = await client.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Try again", problem.GetProperty("title").GetString());
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        // The widget runs on another site: without this, its fetch cannot read Retry-After.
        Assert.Contains("Retry-After", response.Headers.GetValues("Access-Control-Expose-Headers").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_start_retried_with_the_same_key_after_its_answer_was_lost_is_the_same_chat_with_one_offer()
    {
        await using var alice = await _server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        _outage.AnswersLost = true;
        _outage.Refuse(1);
        var key = Guid.NewGuid().ToString();
        using var client = _server.CreateClient();

        using var lost = await client.SendAsync(StartRequest(key, "Lost Answer"));
        using var retried = await client.SendAsync(StartRequest(key, "Lost Answer"));
        var started = await retried.Content.ReadFromJsonAsync<StartedConversation>(TestJson.Options);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, lost.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(1, _outage.Refused);
        Assert.Equal([started!.ConversationId], await ConversationsOfAsync("Lost Answer"));
        var offer = Assert.Single(_server.Services.GetRequiredService<LiveBoard>().Offers("alice"));
        Assert.Equal(started.ConversationId, offer.ConversationId);
        // The token of the retried answer opens the chat the core started on the first attempt.
        using var reader = _server.CreateClient(started.CustomerToken);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"api/v1/conversations/{started.ConversationId}")).StatusCode);
    }

    [Fact]
    public async Task A_start_retried_with_the_same_key_after_the_core_was_unreachable_starts_one_chat()
    {
        _outage.Refuse(2);
        var key = Guid.NewGuid().ToString();
        using var client = _server.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await client.SendAsync(StartRequest(key, "Core Away"));
            answers.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.Created], answers);
        Assert.Single(await ConversationsOfAsync("Core Away"));
    }

    [Fact]
    public async Task Starts_sent_at_once_with_the_same_key_all_answer_the_one_chat()
    {
        var key = Guid.NewGuid().ToString();
        using var client = _server.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.SendAsync(StartRequest(key, "Eager Clicker"))));
        var ids = new List<Guid>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<StartedConversation>(TestJson.Options))!.ConversationId);
            response.Dispose();
        }

        Assert.Equal(await ConversationsOfAsync("Eager Clicker"), ids.Distinct());
    }

    [Fact]
    public async Task A_start_retried_with_the_same_key_after_the_chat_ended_answers_that_chat_ended_and_starts_none()
    {
        var key = Guid.NewGuid().ToString();
        using var client = _server.CreateClient();
        using var first = await client.SendAsync(StartRequest(key, "Came Back"));
        var started = (await first.Content.ReadFromJsonAsync<StartedConversation>(TestJson.Options))!;
        using var customer = _server.CreateClient(started.CustomerToken);
        using var ended = await customer.PostAsync($"api/v1/conversations/{started.ConversationId}/end", null);
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);

        // The core no longer holds the ended chat in memory: only the database knows the id was started.
        using var retried = await client.SendAsync(StartRequest(key, "Came Back"));
        var again = await retried.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(started.ConversationId, again.GetProperty("conversationId").GetGuid());
        Assert.Equal("ended", again.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal([started.ConversationId], await ConversationsOfAsync("Came Back"));
    }

    [Fact]
    public async Task Starts_with_another_key_or_without_one_are_other_chats()
    {
        using var client = _server.CreateClient();

        using var first = await client.SendAsync(StartRequest(Guid.NewGuid().ToString(), "Two Chats"));
        using var second = await client.SendAsync(StartRequest(Guid.NewGuid().ToString(), "Two Chats"));
        using var keyless = await client.SendAsync(StartRequest(null, "Two Chats"));
        using var keyless2 = await client.SendAsync(StartRequest(null, "Two Chats"));

        Assert.All(new[] { first, second, keyless, keyless2 }, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(4, (await ConversationsOfAsync("Two Chats")).Count);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("a key with spaces in it, long enough")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task An_Idempotency_Key_that_is_not_a_key_is_refused_with_400(string key)
    {
        using var client = _server.CreateClient();

        using var response = await client.SendAsync(StartRequest(key, "Bad Key"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), problem.ToString());
        Assert.Empty(await ConversationsOfAsync("Bad Key"));
    }

    private static HttpRequestMessage StartRequest(string? key, string name)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/conversations")
        {
            Content = JsonContent.Create(new { queue = "support", customer = new { name }, answers = new { topic = "An order" } }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }

    private async Task<List<Guid>> ConversationsOfAsync(string customerName)
    {
        await using var context = await _server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync();
        return await context.Conversations.Where(c => c.CustomerName == customerName).Select(c => c.Id).ToListAsync();
    }
}
