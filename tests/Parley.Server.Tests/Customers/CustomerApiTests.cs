using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Customers;

/// <summary>The customer REST API against the real server.</summary>
public sealed class CustomerApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ParleyServer _server = fixture.Server;

    [Fact]
    public async Task Starting_a_conversation_returns_201_with_its_id_tokens_and_place_in_line()
    {
        using var client = _server.CreateClient();
        var response = await client.PostAsJsonAsync("api/v1/conversations", new { queue = "sales", customer = new { name = "Ann", email = "ann@example.com" }, answers = new { } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<StartedConversation>(TestJson.Options);
        Assert.NotEqual(Guid.Empty, body!.ConversationId);
        Assert.False(string.IsNullOrEmpty(body.CustomerToken));
        Assert.False(string.IsNullOrEmpty(body.VisitorToken));
        Assert.Equal(ConversationState.Queued, body.Status.State);
        Assert.True(body.Status.Position >= 1, $"position {body.Status.Position}");
        Assert.Equal($"/api/v1/conversations/{body.ConversationId}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Unknown_queue_is_404_problem_details()
    {
        using var client = _server.CreateClient();
        var response = await client.PostAsJsonAsync("api/v1/conversations", new { queue = "nope", customer = new { name = "Ann" } });

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "nope");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task Missing_customer_name_is_400_with_the_field_named(string? name)
    {
        using var client = _server.CreateClient();
        var response = await client.PostAsJsonAsync("api/v1/conversations", new { queue = "sales", customer = new { name } });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("customer.name", out _));
    }

    [Fact]
    public async Task Invalid_email_and_missing_required_answer_are_400()
    {
        using var client = _server.CreateClient();
        var badEmail = await client.PostAsJsonAsync("api/v1/conversations", new { queue = "sales", customer = new { name = "Ann", email = "not-an-email" } });
        var noAnswer = await client.PostAsJsonAsync("api/v1/conversations", new { queue = "support", customer = new { name = "Ann" } });
        var badChoice = await client.PostAsJsonAsync("api/v1/conversations", new { queue = "support", customer = new { name = "Ann" }, answers = new { topic = "<script>" } });

        await AssertProblemAsync(badEmail, HttpStatusCode.BadRequest, "e-mail");
        await AssertProblemAsync(noAnswer, HttpStatusCode.BadRequest, "What is your question about?");
        await AssertProblemAsync(badChoice, HttpStatusCode.BadRequest, "not one of the choices");
    }

    [Fact]
    public async Task A_queue_publishes_its_pre_chat_questions_and_an_unknown_queue_is_404()
    {
        using var client = _server.CreateClient();
        var queue = await client.GetFromJsonAsync<JsonElement>("api/v1/queues/support");
        var missing = await client.GetAsync("api/v1/queues/nope");

        Assert.Equal("Customer support", queue.GetProperty("displayName").GetString());
        Assert.Equal("topic", queue.GetProperty("questions")[0].GetProperty("id").GetString());
        await AssertProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Posting_a_message_returns_its_seq_and_server_time()
    {
        var conversation = await _server.StartConversationAsync();
        using var client = _server.CreateClient(conversation.CustomerToken);
        var before = DateTimeOffset.UtcNow;

        var response = await client.PostAsJsonAsync($"api/v1/conversations/{conversation.ConversationId}/messages", new { clientMessageId = Guid.NewGuid(), text = "  My invoice is wrong  " });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<MessageAccepted>(TestJson.Options);
        Assert.Equal(2, accepted!.Seq); // 1 is the queue's welcome.
        Assert.InRange(accepted.SentAt, before.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(TimeSpan.Zero, accepted.SentAt.Offset);
        var stored = await client.GetFromJsonAsync<JsonElement>($"api/v1/conversations/{conversation.ConversationId}/messages?after=1");
        Assert.Equal("My invoice is wrong", stored[0].GetProperty("text").GetString());
        Assert.Equal("customer", stored[0].GetProperty("sender").GetString());
    }

    [Fact]
    public async Task Posting_the_same_clientMessageId_again_returns_the_same_seq_and_stores_nothing_new()
    {
        var conversation = await _server.StartConversationAsync();
        using var client = _server.CreateClient(conversation.CustomerToken);
        var url = $"api/v1/conversations/{conversation.ConversationId}/messages";
        var message = new { clientMessageId = Guid.NewGuid().ToString(), text = "Hello" };

        var first = await (await client.PostAsJsonAsync(url, message)).Content.ReadFromJsonAsync<MessageAccepted>(TestJson.Options);
        var again = await client.PostAsJsonAsync(url, message);
        var second = await again.Content.ReadFromJsonAsync<MessageAccepted>(TestJson.Options);

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(first, second);
        var all = await client.GetFromJsonAsync<List<MessageView>>(url, TestJson.Options);
        Assert.Single(all!, m => m.Text == "Hello");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    [InlineData(null)]
    public async Task Empty_text_is_400(string? text)
    {
        var conversation = await _server.StartConversationAsync();
        using var client = _server.CreateClient(conversation.CustomerToken);

        var response = await client.PostAsJsonAsync($"api/v1/conversations/{conversation.ConversationId}/messages", new { clientMessageId = Guid.NewGuid(), text });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _));
    }

    [Fact]
    public async Task Text_of_4000_characters_is_accepted_and_4001_is_400()
    {
        var conversation = await _server.StartConversationAsync();
        using var client = _server.CreateClient(conversation.CustomerToken);
        var url = $"api/v1/conversations/{conversation.ConversationId}/messages";

        var longest = await client.PostAsJsonAsync(url, new { clientMessageId = Guid.NewGuid(), text = new string('a', 4000) });
        var tooLong = await client.PostAsJsonAsync(url, new { clientMessageId = Guid.NewGuid(), text = new string('a', 4001) });

        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        await AssertProblemAsync(tooLong, HttpStatusCode.BadRequest, "4,000");
    }

    [Fact]
    public async Task No_token_or_a_forged_token_is_401_and_another_conversations_token_is_403()
    {
        var mine = await _server.StartConversationAsync(name: "Ann");
        var theirs = await _server.StartConversationAsync(name: "Eve");
        var url = $"api/v1/conversations/{mine.ConversationId}/messages";
        var message = new { clientMessageId = Guid.NewGuid(), text = "hi" };
        var forged = mine.CustomerToken[..^4] + (mine.CustomerToken.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        using var anonymous = _server.CreateClient();
        using var forger = _server.CreateClient(forged);
        using var eve = _server.CreateClient(theirs.CustomerToken);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(url, message)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forger.GetAsync(url)).StatusCode);
        await AssertProblemAsync(await eve.PostAsJsonAsync(url, message), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await eve.GetAsync(url), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Messages_after_a_seq_are_only_the_later_ones_in_seq_order()
    {
        var conversation = await _server.StartConversationAsync();
        using var client = _server.CreateClient(conversation.CustomerToken);
        var url = $"api/v1/conversations/{conversation.ConversationId}/messages";
        foreach (var text in new[] { "one", "two", "three", "four" })
        {
            (await client.PostAsJsonAsync(url, new { clientMessageId = Guid.NewGuid(), text })).EnsureSuccessStatusCode();
        }

        var after = await client.GetFromJsonAsync<List<MessageView>>($"{url}?after=3", TestJson.Options);

        Assert.Equal([4L, 5L], after!.Select(m => m.Seq));
        Assert.Equal(["three", "four"], after!.Select(m => m.Text));
    }

    [Fact]
    public async Task Posting_to_an_ended_conversation_is_409_and_history_stays_readable()
    {
        var conversation = await _server.StartConversationAsync();
        using var client = _server.CreateClient(conversation.CustomerToken);
        var url = $"api/v1/conversations/{conversation.ConversationId}";
        (await client.PostAsJsonAsync($"{url}/messages", new { clientMessageId = Guid.NewGuid(), text = "bye" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"{url}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"{url}/end", null)).StatusCode);
        var late = await client.PostAsJsonAsync($"{url}/messages", new { clientMessageId = Guid.NewGuid(), text = "late" });

        await AssertProblemAsync(late, HttpStatusCode.Conflict);
        var messages = await client.GetFromJsonAsync<List<MessageView>>($"{url}/messages", TestJson.Options);
        Assert.Equal(["bye", "Ann ended the chat."], messages!.Skip(1).ToList().Select(m => m.Text));
        var view = await client.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal("ended", view.GetProperty("status").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_malformed_body_is_400_not_a_server_error()
    {
        using var client = _server.CreateClient();
        var response = await client.PostAsync("api/v1/conversations", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detailContains = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (detailContains is not null)
        {
            Assert.Contains(detailContains, problem.GetRawText(), StringComparison.Ordinal);
        }

        return problem;
    }
}
