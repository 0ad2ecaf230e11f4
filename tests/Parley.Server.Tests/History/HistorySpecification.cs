using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Agents;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.History;

/// <summary>
/// The conversation history against the real server, on each provider: an agent finds the chats they hold or held
/// (recorded at each transfer) and the earlier chats of the customers they hold (by the signed visitor token only), not
/// others'; a new message is searchable at once; bad filters are problem details; a transcript exports as text or
/// encoded HTML.
/// </summary>
public abstract class HistorySpecification : IAsyncLifetime
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
    public async Task An_agent_finds_a_chat_they_held_before_a_transfer_and_its_new_messages_at_once_others_do_not()
    {
        var server = Start();
        var alice = await AgentAsync(server, "alice");
        var ann = await CustomerSession.StartAsync(server);
        _owned.Add(ann);
        await alice.AcceptAsync(ann.Id);
        await ann.SendAsync("My zeppelin model arrived broken <script>alert(1)</script>");
        var bob = await AgentAsync(server, "bob");
        await alice.Connection.InvokeAsync("TransferToAgent", ann.Id, "bob");
        await bob.AcceptAsync(ann.Id);
        await bob.Connection.InvokeAsync("TransferToAgent", ann.Id, "alice");
        var back = await alice.Offers.WaitForAsync(o => o.ConversationId == ann.Id && o.FromAgent == "bob", "the transfer back to Alice");
        await alice.Connection.InvokeAsync<AssignedConversationView>("Accept", back.OfferId);
        using var bobApi = server.CreateClient(await server.LoginAsync("bob"));

        // Bob holds it no more and supervises nothing: he finds it because he was assigned to it.
        var page = await SearchAsync(bobApi, "q=zeppelin");
        var item = Assert.Single(page.Items);
        Assert.Equal((ann.Id, "support", "Ann", "Alice Adams", "assigned"), (item.ConversationId, item.Queue, item.CustomerName, item.Agent, item.State));
        Assert.Contains("zeppelin model arrived", item.Snippet, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await bobApi.GetAsync($"api/v1/agent/conversations/{ann.Id}/messages")).StatusCode);
        Assert.Single((await SearchAsync(bobApi, "agent=bob&state=assigned")).Items);

        // A message of the open chat is searchable within 2 s of being stored.
        await ann.SendAsync("Also the quasar lamp flickers");
        await Eventually.ThatAsync(() => SearchAsync(bobApi, "q=quasar"), p => p.Items.Count == 1, "the new message found", TimeSpan.FromSeconds(2));

        // Carl's chat, waiting in the queue, was never Bob's (his desk is closed: nobody is offered it).
        await bob.DisposeAsync();
        _owned.Remove(bob);
        await using var carl = await CustomerSession.StartAsync(server, name: "Carl");
        await carl.SendAsync("zeppelin too");
        Assert.Equal([ann.Id], (await SearchAsync(bobApi, "q=zeppelin")).Items.Select(i => i.ConversationId));
        await CustomerApiTests.AssertProblemAsync(await bobApi.GetAsync($"api/v1/agent/conversations/{carl.Id}/transcript"), HttpStatusCode.NotFound);
        using var adminApi = server.CreateClient(await server.LoginAsync("admin"));
        Assert.Equal([carl.Id, ann.Id], (await SearchAsync(adminApi, "q=zeppelin")).Items.Select(i => i.ConversationId));

        // The transcript as a download: HTML with every stored word encoded.
        using var html = await bobApi.GetAsync($"api/v1/agent/conversations/{ann.Id}/transcript?format=html");
        var body = await html.Content.ReadAsStringAsync();
        Assert.Equal(("text/html", "attachment"), (html.Content.Headers.ContentType?.MediaType, html.Content.Headers.ContentDisposition?.DispositionType));
        Assert.EndsWith(".html", html.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        var text = await bobApi.GetStringAsync($"api/v1/agent/conversations/{ann.Id}/transcript");
        Assert.Contains("Ann:\n    My zeppelin model arrived broken <script>alert(1)</script>", text, StringComparison.Ordinal);
        await CustomerApiTests.AssertProblemAsync(await bobApi.GetAsync($"api/v1/agent/conversations/{ann.Id}/transcript?format=pdf"), HttpStatusCode.BadRequest, "format");
    }

    [Fact]
    public async Task An_agent_finds_the_earlier_chats_of_the_customer_they_hold_by_visitor_token_only_while_they_hold_them()
    {
        var server = Start();
        using var widget = server.CreateClient();
        var alice = await AgentAsync(server, "alice");
        var first = await CustomerContextSpecification.StartAsync(widget, context: null);
        await alice.AcceptAsync(first.ConversationId);
        await alice.Connection.InvokeAsync("Close", first.ConversationId);
        // Same name and e-mail, no token: another customer as far as anyone can prove.
        var lookalike = await CustomerContextSpecification.StartAsync(widget, context: null);
        await alice.AcceptAsync(lookalike.ConversationId);
        await alice.Connection.InvokeAsync("Close", lookalike.ConversationId);
        var bob = await AgentAsync(server, "bob");
        // The returning customer goes to Alice (their last agent), who hands them to Bob.
        var returning = await CustomerContextSpecification.StartAsync(widget, context: null, visitorToken: first.VisitorToken);
        await alice.AcceptAsync(returning.ConversationId);
        await alice.Connection.InvokeAsync("TransferToAgent", returning.ConversationId, "bob");
        await bob.AcceptAsync(returning.ConversationId);
        using var bobApi = server.CreateClient(await server.LoginAsync("bob"));

        Assert.Equal([returning.ConversationId, first.ConversationId], (await SearchAsync(bobApi, "")).Items.Select(i => i.ConversationId));
        Assert.Equal(HttpStatusCode.OK, (await bobApi.GetAsync($"api/v1/agent/conversations/{first.ConversationId}/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bobApi.GetAsync($"api/v1/agent/conversations/{lookalike.ConversationId}/messages")).StatusCode);

        // Once the chat is closed, Bob holds the customer no more: their earlier chat is out of his sight again.
        await bob.Connection.InvokeAsync("Close", returning.ConversationId);
        Assert.Equal([returning.ConversationId], (await SearchAsync(bobApi, "")).Items.Select(i => i.ConversationId));
        Assert.Equal(HttpStatusCode.NotFound, (await bobApi.GetAsync($"api/v1/agent/conversations/{first.ConversationId}/messages")).StatusCode);
    }

    [Fact]
    public async Task Bad_filters_are_problem_details_naming_each_field()
    {
        var server = Start();
        using var api = server.CreateClient(await server.LoginAsync("bob"));

        using var response = await api.GetAsync("api/v1/agent/conversations?rating=9&from=yesterday&state=open&pageSize=500&queue=nowhere&tag=%3Cb%3E");

        var problem = await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["from", "pageSize", "queue", "rating", "state", "tag"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    private static async Task<HistoryPage> SearchAsync(HttpClient api, string query)
    {
        using var response = await api.GetAsync($"api/v1/agent/conversations?{query}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<HistoryPage>(TestJson.Options))!;
    }

    private async Task<AgentSession> AgentAsync(ParleyServer server, string username)
    {
        var agent = await server.ConnectAgentAsync(username);
        _owned.Add(agent);
        await agent.GoAvailableAsync();
        return agent;
    }

    private ParleyServer Start()
    {
        var server = new ParleyServer(settings: _database?.ServerSettings());
        _owned.Add(server);
        return server;
    }
}

/// <summary>On SQLite, the server's own database file.</summary>
public sealed class HistoryOnSqliteTests : HistorySpecification
{
    protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(null);
}

/// <summary>On PostgreSQL (<c>PARLEY_TEST_POSTGRES</c>): a database per test.</summary>
public sealed class HistoryOnPostgresTests : HistorySpecification
{
    protected override async Task<TestDatabase?> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
