using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Conversations;
using Parley.Server.Storage;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Email;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Conversations;

/// <summary>
/// The satisfaction rating and the transcript by e-mail against the real server, on each provider: a rating once per
/// ended chat within 24 hours (409 while open or when rated, 410 after), stored with its queue and agent; a transcript
/// queued through the outbox and received by a real SMTP server, in both parts, encoded, at most 3 per chat.
/// </summary>
public abstract class FeedbackSpecification : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    private TestDatabase? _database;

    /// <summary>The provider's database for this test; null for the server's own SQLite file.</summary>
    protected abstract Task<TestDatabase?> CreateDatabaseAsync();

    public async Task InitializeAsync() => _database = await CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_ended_chat_is_rated_once_with_its_queue_and_agent_and_a_second_rating_is_409()
    {
        var (server, _) = Start();
        await using var alice = await server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        var chat = await StartAsync(server);
        await alice.AcceptAsync(chat.ConversationId);
        using var customer = server.CreateClient(chat.CustomerToken);
        (await customer.PostAsync($"api/v1/conversations/{chat.ConversationId}/end", null)).EnsureSuccessStatusCode();

        var offered = await customer.GetFromJsonAsync<JsonObject>($"api/v1/conversations/{chat.ConversationId}");
        using var first = await RateAsync(customer, chat, new { rating = 4, comment = "  Quick and kind <3  " });
        using var second = await RateAsync(customer, chat, new { rating = 1 });
        var rated = await customer.GetFromJsonAsync<JsonObject>($"api/v1/conversations/{chat.ConversationId}");

        // The demo's support queue asks in the widget's own words; once rated, the survey is not offered again.
        Assert.Equal("""{"question":null,"commentLabel":null}""", offered!["survey"]!.ToJsonString());
        Assert.Null(rated!["survey"]);
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        await CustomerApiTests.AssertProblemAsync(second, HttpStatusCode.Conflict, "rated already");
        await using var db = await ContextAsync(server);
        var stored = await db.Ratings.SingleAsync();
        Assert.Equal((chat.ConversationId, 4, "Quick and kind <3", "support", "alice"), (stored.ConversationId, stored.Rating, stored.Comment, stored.Queue, stored.AgentUsername));
    }

    [Fact]
    public async Task A_rating_while_the_chat_is_open_is_409_and_a_bad_rating_is_400_naming_the_field()
    {
        var (server, _) = Start();
        var chat = await StartAsync(server);
        using var customer = server.CreateClient(chat.CustomerToken);

        using var open = await RateAsync(customer, chat, new { rating = 5 });
        (await customer.PostAsync($"api/v1/conversations/{chat.ConversationId}/end", null)).EnsureSuccessStatusCode();
        var refused = new List<(HttpResponseMessage Response, string Field)>
        {
            (await RateAsync(customer, chat, new { rating = 0 }), "rating"),
            (await RateAsync(customer, chat, new { rating = 6 }), "rating"),
            (await RateAsync(customer, chat, new { comment = "no rating" }), "rating"),
            (await RateAsync(customer, chat, new { rating = 3, comment = new string('x', 1001) }), "comment"),
            (await RateAsync(customer, chat, new { rating = 3, comment = "bell\u0007" }), "comment"),
        };

        await CustomerApiTests.AssertProblemAsync(open, HttpStatusCode.Conflict, "once the chat has ended");
        foreach (var (response, field) in refused)
        {
            var problem = await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
            response.Dispose();
        }

        await using var db = await ContextAsync(server);
        Assert.False(await db.Ratings.AnyAsync());
    }

    [Fact]
    public async Task Rating_and_the_transcript_are_410_more_than_24_hours_after_the_end()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        var (server, _) = Start(time);
        var chat = await StartAsync(server);
        using var customer = server.CreateClient(chat.CustomerToken);
        (await customer.PostAsync($"api/v1/conversations/{chat.ConversationId}/end", null)).EnsureSuccessStatusCode();

        time.Advance(CustomerAccess.FeedbackWindow + TimeSpan.FromMinutes(1));
        using var rating = await RateAsync(customer, chat, new { rating = 5 });
        using var transcript = await customer.PostAsJsonAsync($"api/v1/conversations/{chat.ConversationId}/transcript", new { email = (string?)null });

        await CustomerApiTests.AssertProblemAsync(rating, HttpStatusCode.Gone, "24 hours");
        await CustomerApiTests.AssertProblemAsync(transcript, HttpStatusCode.Gone, "24 hours");
    }

    [Fact]
    public async Task A_transcript_asked_for_during_the_chat_is_received_in_both_parts_encoded_in_the_customers_time_zone()
    {
        var (server, sink) = Start();
        await using var alice = await server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        var chat = await StartAsync(server, name: "<b>Mallory</b>", timeZone: "America/New_York");
        await alice.AcceptAsync(chat.ConversationId);
        using var customer = server.CreateClient(chat.CustomerToken);
        (await customer.PostAsJsonAsync($"api/v1/conversations/{chat.ConversationId}/messages", new { clientMessageId = "m1", text = "<img src=x onerror=alert(1)>" })).EnsureSuccessStatusCode();
        await alice.Connection.InvokeAsync<MessageAccepted>("Send", chat.ConversationId, "a1", "Hello & welcome");

        using var response = await customer.PostAsJsonAsync($"api/v1/conversations/{chat.ConversationId}/transcript", new { email = (string?)null });
        var mail = (await sink.ReceivedAsync(1)).Single();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["ann@example.com"], mail.Recipients);
        Assert.Equal("Transcript of your chat with Customer support", mail.Message.Subject);
        Assert.Contains("Times are in America/New_York.", mail.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<b>Mallory</b>:\n    <img src=x onerror=alert(1)>", mail.Message.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var html = mail.Message.HtmlBody;
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Mallory&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Hello &amp; welcome", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transcript_goes_to_an_address_typed_then_at_most_three_times_and_a_bad_address_is_400()
    {
        var (server, sink) = Start(settings: new() { ["Parley:Customers:TranscriptBurst"] = "100" });
        var chat = await StartAsync(server, email: null);
        using var customer = server.CreateClient(chat.CustomerToken);
        var url = $"api/v1/conversations/{chat.ConversationId}/transcript";

        using var noAddress = await customer.PostAsJsonAsync(url, new { email = (string?)null });
        using var badAddress = await customer.PostAsJsonAsync(url, new { email = "Bob <bob@example.com>" });
        (await customer.PostAsync($"api/v1/conversations/{chat.ConversationId}/end", null)).EnsureSuccessStatusCode();
        var accepted = new List<HttpStatusCode>();
        foreach (var to in new[] { "bob@example.com", "bob@example.com", "carol@example.com" })
        {
            using var sent = await customer.PostAsJsonAsync(url, new { email = to });
            accepted.Add(sent.StatusCode);
        }

        using var fourth = await customer.PostAsJsonAsync(url, new { email = "dave@example.com" });
        var received = await sink.ReceivedAsync(3);

        Assert.True((await CustomerApiTests.AssertProblemAsync(noAddress, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("email", out _));
        Assert.True((await CustomerApiTests.AssertProblemAsync(badAddress, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("email", out _));
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted], accepted);
        await CustomerApiTests.AssertProblemAsync(fourth, HttpStatusCode.Conflict, "3 times");
        Assert.Equal(["bob@example.com", "bob@example.com", "carol@example.com"], received.SelectMany(r => r.Recipients).Order());
        await using var db = await ContextAsync(server);
        Assert.Equal([1, 2, 3], await db.Transcripts.Where(t => t.ConversationId == chat.ConversationId).Select(t => t.Number).OrderBy(n => n).ToListAsync());
    }

    [Fact]
    public async Task A_queue_whose_workflow_mails_the_transcript_sends_it_once_when_the_chat_ends_to_the_address_from_the_start()
    {
        var (server, sink) = Start();
        await SetWorkflowAsync(server, "support", workflow => workflow["transcript"] = new JsonObject { ["automatic"] = true });
        var chat = await StartAsync(server);
        var anonymous = await StartAsync(server, email: null);
        using var customer = server.CreateClient(chat.CustomerToken);
        using var other = server.CreateClient(anonymous.CustomerToken);

        // The end answers once the transcript is queued: nothing to wait for.
        (await customer.PostAsync($"api/v1/conversations/{chat.ConversationId}/end", null)).EnsureSuccessStatusCode();
        (await other.PostAsync($"api/v1/conversations/{anonymous.ConversationId}/end", null)).EnsureSuccessStatusCode();
        var again = await server.Services.GetRequiredService<Transcripts>().SendAutomaticAsync(chat.ConversationId, CancellationToken.None);
        var mail = (await sink.ReceivedAsync(1)).Single();

        Assert.False(again);
        Assert.Equal(["ann@example.com"], mail.Recipients);
        Assert.Contains("Ann ended the chat.", mail.Message.TextBody, StringComparison.Ordinal);
        await using var db = await ContextAsync(server);
        Assert.Equal(1, await db.Mail.CountAsync());
    }

    [Fact]
    public async Task A_queue_whose_workflow_sends_no_transcript_sends_none_at_the_end()
    {
        var (server, _) = Start();
        var chat = await StartAsync(server);
        using var customer = server.CreateClient(chat.CustomerToken);

        (await customer.PostAsync($"api/v1/conversations/{chat.ConversationId}/end", null)).EnsureSuccessStatusCode();

        await using var db = await ContextAsync(server);
        Assert.False(await db.Transcripts.AnyAsync());
        Assert.False(await db.Mail.AnyAsync());
    }

    [Fact]
    public async Task An_unknown_time_zone_is_400_naming_the_field_and_a_known_one_is_stored()
    {
        var (server, _) = Start();
        using var client = server.CreateClient();

        using var unknown = await client.PostAsJsonAsync("api/v1/conversations", new { queue = "sales", customer = new { name = "Ann", timeZone = "Europe/Atlantis" } });
        var known = await StartAsync(server, timeZone: "Europe/Amsterdam");

        var problem = await CustomerApiTests.AssertProblemAsync(unknown, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("customer.timeZone", out _), problem.ToString());
        await using var db = await ContextAsync(server);
        Assert.Equal("Europe/Amsterdam", (await db.Conversations.SingleAsync(c => c.Id == known.ConversationId)).TimeZone);
    }

    private (ParleyServer Server, SmtpSink Sink) Start(FakeTimeProvider? time = null, Dictionary<string, string?>? settings = null)
    {
        var sink = new SmtpSink();
        _owned.Add(sink);
        var all = sink.Settings();
        foreach (var (key, value) in _database?.ServerSettings() ?? [])
        {
            all[key] = value;
        }

        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var server = new ParleyServer(settings: all, time: time);
        _owned.Add(server);
        return (server, sink);
    }

    internal static async Task<StartedConversation> StartAsync(IParleyAddress server, string name = "Ann", string? email = "ann@example.com", string? timeZone = null)
    {
        using var client = server.CreateClient();
        using var response = await client.PostAsJsonAsync("api/v1/conversations", new
        {
            queue = "support",
            customer = new { name, email, timeZone },
            answers = new Dictionary<string, string> { ["topic"] = "An order" },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<StartedConversation>(TestJson.Options))!;
    }

    /// <summary>Edits a queue's workflow as an admin would: through the queue's REST resource.</summary>
    internal static async Task SetWorkflowAsync(ParleyServer server, string queue, Action<JsonObject> change)
    {
        using var admin = server.CreateClient(await server.LoginAsync("admin"));
        var definition = (await admin.GetFromJsonAsync<JsonObject>($"api/v1/admin/queues/{queue}"))!;
        change(definition["workflow"]!.AsObject());
        (await admin.PutAsJsonAsync($"api/v1/admin/queues/{queue}", definition)).EnsureSuccessStatusCode();
    }

    internal static Task<HttpResponseMessage> RateAsync(HttpClient customer, StartedConversation chat, object body) =>
        customer.PostAsJsonAsync($"api/v1/conversations/{chat.ConversationId}/rating", body);

    private static async Task<ParleyDbContext> ContextAsync(ParleyServer server) =>
        await server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync();
}

/// <summary>On SQLite, the server's own database file.</summary>
public sealed class FeedbackOnSqliteTests : FeedbackSpecification
{
    protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(null);

    [Fact]
    public async Task Transcripts_are_limited_per_client_address()
    {
        await using var sink = new SmtpSink();
        var settings = sink.Settings();
        settings["Parley:Customers:TranscriptBurst"] = "1";
        await using var server = new ParleyServer(settings: settings);
        var first = await StartAsync(server);
        var second = await StartAsync(server);

        using var one = await server.CreateClient(first.CustomerToken).PostAsJsonAsync($"api/v1/conversations/{first.ConversationId}/transcript", new { email = (string?)null });
        using var two = await server.CreateClient(second.CustomerToken).PostAsJsonAsync($"api/v1/conversations/{second.ConversationId}/transcript", new { email = (string?)null });

        Assert.Equal(HttpStatusCode.Accepted, one.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, two.StatusCode);
        Assert.True(two.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task Transcripts_to_one_typed_address_are_limited_whatever_chat_asks()
    {
        await using var sink = new SmtpSink();
        var settings = sink.Settings();
        settings["Parley:Customers:TranscriptBurst"] = "100";
        await using var server = new ParleyServer(settings: settings);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var chat = await StartAsync(server);
            using var client = server.CreateClient(chat.CustomerToken);
            using var response = await client.PostAsJsonAsync($"api/v1/conversations/{chat.ConversationId}/transcript", new { email = "victim@example.com" });
            answers.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], answers);
    }
}

/// <summary>A queue whose workflow asks for no rating: the rating is refused, the transcript on request still goes.</summary>
public sealed class FeedbackSettingsTests
{
    [Fact]
    public async Task A_queue_that_asks_for_no_rating_refuses_one_with_409_and_still_mails_the_transcript_on_request()
    {
        await using var sink = new SmtpSink();
        await using var server = new ParleyServer(settings: sink.Settings());
        await FeedbackSpecification.SetWorkflowAsync(server, "support", workflow => workflow["survey"] = new JsonObject { ["enabled"] = false });
        var chat = await FeedbackSpecification.StartAsync(server);
        using var customer = server.CreateClient(chat.CustomerToken);
        (await customer.PostAsync($"api/v1/conversations/{chat.ConversationId}/end", null)).EnsureSuccessStatusCode();

        var view = await customer.GetFromJsonAsync<JsonObject>($"api/v1/conversations/{chat.ConversationId}");
        using var rating = await FeedbackSpecification.RateAsync(customer, chat, new { rating = 5 });
        using var transcript = await customer.PostAsJsonAsync($"api/v1/conversations/{chat.ConversationId}/transcript", new { email = (string?)null });

        Assert.Null(view!["survey"]);
        await CustomerApiTests.AssertProblemAsync(rating, HttpStatusCode.Conflict, "not rated");
        Assert.Equal(HttpStatusCode.Accepted, transcript.StatusCode);
        Assert.Single(await sink.ReceivedAsync(1));
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Ratings.AnyAsync());
    }
}

/// <summary>On PostgreSQL (<c>PARLEY_TEST_POSTGRES</c>): a database per test.</summary>
public sealed class FeedbackOnPostgresTests : FeedbackSpecification
{
    protected override async Task<TestDatabase?> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
