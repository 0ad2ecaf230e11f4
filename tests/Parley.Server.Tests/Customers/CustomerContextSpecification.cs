using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Customers;

/// <summary>
/// The customer's context against the real server, on each provider: what the widget says at the start is bounded and
/// stored with the conversation, a returning visitor is known by the signed visitor token only, and the page's
/// visibility reaches the agent holding the chat.
/// </summary>
public abstract class CustomerContextSpecification : IAsyncLifetime
{
    private const string ChromeOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

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
    public async Task The_context_is_bounded_stored_with_the_conversation_and_read_by_its_agent_with_browser_and_system_named()
    {
        var server = Start();
        using var anonymous = server.CreateClient();
        var chat = await StartAsync(anonymous, new
        {
            pageUrl = "https://shop.example/cart?item=42",
            pageTitle = "Your cart\u0007 <script>alert(1)</script>",
            referrer = "javascript:alert(1)",
            userAgent = ChromeOnWindows,
            brands = new[] { "Google Chrome 120", "Chromium 120" },
            platform = "Windows",
            utcOffsetMinutes = 60,
        }, timeZone: "Europe/Paris");
        using var supervisor = server.CreateClient(await server.LoginAsync("alice"));
        using var agent = server.CreateClient(await server.LoginAsync("bob"));

        var context = await supervisor.GetFromJsonAsync<CustomerContextView>(ContextPath(chat), TestJson.Options);
        using var notTheirs = await agent.GetAsync(ContextPath(chat));

        Assert.Equal(
            new CustomerContextView(chat.ConversationId, "https://shop.example/cart?item=42", "Your cart <script>alert(1)</script>", null, ChromeOnWindows,
                "Chrome 120", "Windows", "Europe/Paris", 60, false, 0, null, null, null),
            context);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        await using var db = await ContextAsync(server);
        var stored = (await db.Conversations.SingleAsync(c => c.Id == chat.ConversationId)).CustomerContext!;
        Assert.Equal(("https://shop.example/cart?item=42", "Your cart <script>alert(1)</script>", (string?)null, ChromeOnWindows, "Windows", (int?)60),
            (stored.PageUrl, stored.PageTitle, stored.Referrer, stored.UserAgent, stored.Platform, stored.UtcOffsetMinutes));
        Assert.Equal(["Google Chrome 120", "Chromium 120"], stored.Brands!);
    }

    [Fact]
    public async Task A_start_without_context_still_starts_and_says_Other()
    {
        var server = Start();
        using var anonymous = server.CreateClient();
        var chat = await StartAsync(anonymous, context: null);
        using var supervisor = server.CreateClient(await server.LoginAsync("alice"));

        var context = await supervisor.GetFromJsonAsync<CustomerContextView>(ContextPath(chat), TestJson.Options);

        Assert.Equal(new CustomerContextView(chat.ConversationId, null, null, null, null, "Other", "Other", null, null, false, 0, null, null, null), context);
        await using var db = await ContextAsync(server);
        Assert.Null((await db.Conversations.SingleAsync(c => c.Id == chat.ConversationId)).CustomerContext);
    }

    [Fact]
    public async Task A_returning_visitor_is_known_by_the_signed_visitor_token_only_never_by_name_or_email()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var server = Start(time);
        using var anonymous = server.CreateClient();
        var first = await StartAsync(anonymous, context: null);
        time.Advance(TimeSpan.FromHours(1));
        var second = await StartAsync(anonymous, context: null, visitorToken: first.VisitorToken);
        time.Advance(TimeSpan.FromHours(1));
        var third = await StartAsync(anonymous, context: null, visitorToken: second.VisitorToken);
        // Same name and e-mail, but a forged token and none at all: new visitors.
        var forged = await StartAsync(anonymous, context: null, visitorToken: first.VisitorToken[..^4] + "AAAA");
        var typed = await StartAsync(anonymous, context: null);
        using var supervisor = server.CreateClient(await server.LoginAsync("alice"));

        var views = new List<CustomerContextView>();
        foreach (var chat in new[] { first, second, third, forged, typed })
        {
            views.Add((await supervisor.GetFromJsonAsync<CustomerContextView>(ContextPath(chat), TestJson.Options))!);
        }

        Assert.Equal(
            [(false, 0, null), (true, 1, time.Start), (true, 2, time.Start.AddHours(1)), (false, 0, null), (false, 0, null)],
            views.Select(v => (v.ReturningVisitor, v.EarlierChats, v.LastChatAt)));
    }

    [Fact]
    public async Task The_page_visibility_reaches_the_agent_holding_the_chat_once_per_change_and_the_context_keeps_it()
    {
        var server = Start();
        await using var bob = await server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(server);
        // Reported while queued: kept for whoever takes the chat, pushed to nobody.
        await ann.Connection.InvokeAsync("PageVisibility", "visible");
        await bob.AcceptAsync(ann.Id);
        using var client = server.CreateClient(await server.LoginAsync("bob"));
        var before = await client.GetFromJsonAsync<CustomerContextView>($"api/v1/agent/conversations/{ann.Id}/customer-context", TestJson.Options);

        await ann.Connection.InvokeAsync("PageVisibility", "hidden");
        await ann.Connection.InvokeAsync("PageVisibility", "hidden");
        await ann.Connection.InvokeAsync("PageVisibility", "left");
        var left = await bob.CustomerPage.WaitForAsync(p => p.Visibility == PageVisibility.Left, "the customer left the page");
        var after = await client.GetFromJsonAsync<CustomerContextView>($"api/v1/agent/conversations/{ann.Id}/customer-context", TestJson.Options);
        var refused = await Assert.ThrowsAsync<HubException>(() => ann.Connection.InvokeAsync("PageVisibility", "minimised"));

        Assert.Equal(PageVisibility.Visible, before!.Visibility);
        Assert.Equal([PageVisibility.Hidden, PageVisibility.Left], bob.CustomerPage.Seen.Select(p => p.Visibility));
        Assert.All(bob.CustomerPage.Seen, p => Assert.Equal(ann.Id, p.ConversationId));
        Assert.Equal((PageVisibility.Left, left.Since), (after!.Visibility, after.VisibilitySince));
        Assert.NotNull(refused);
    }

    [Fact]
    public async Task A_customer_whose_last_connection_closes_cleanly_has_left_the_page()
    {
        var server = Start();
        await using var bob = await server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(server);
        await bob.AcceptAsync(ann.Id);
        await using var second = await server.ConnectCustomerAsync(ann.Conversation.CustomerToken);

        // One of two tabs closes: still there. The last one closes (as a browser does when the page goes): left.
        await second.StopAsync();
        await ann.Connection.InvokeAsync("PageVisibility", "visible");
        await ann.Connection.StopAsync();
        var left = await bob.CustomerPage.WaitForAsync(p => p.Visibility == PageVisibility.Left, "the customer left the page");

        Assert.Equal([PageVisibility.Visible, PageVisibility.Left], bob.CustomerPage.Seen.Select(p => p.Visibility));
        Assert.Equal(ann.Id, left.ConversationId);
    }

    private static string ContextPath(StartedConversation chat) => $"api/v1/agent/conversations/{chat.ConversationId}/customer-context";

    internal static async Task<StartedConversation> StartAsync(HttpClient client, object? context, string? timeZone = null, string? visitorToken = null)
    {
        using var response = await client.PostAsJsonAsync("api/v1/conversations", new
        {
            queue = "support",
            customer = new { name = "Ann", email = "ann@example.com", timeZone },
            answers = new Dictionary<string, string> { ["topic"] = "An order" },
            visitorToken,
            context,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<StartedConversation>(TestJson.Options))!;
    }

    private ParleyServer Start(FakeTimeProvider? time = null)
    {
        var server = new ParleyServer(settings: _database?.ServerSettings(), time: time);
        _owned.Add(server);
        return server;
    }

    private static async Task<ParleyDbContext> ContextAsync(ParleyServer server) =>
        await server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync();
}

/// <summary>On SQLite, the server's own database file.</summary>
public sealed class CustomerContextOnSqliteTests : CustomerContextSpecification
{
    protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(null);
}

/// <summary>On PostgreSQL (<c>PARLEY_TEST_POSTGRES</c>): a database per test.</summary>
public sealed class CustomerContextOnPostgresTests : CustomerContextSpecification
{
    protected override async Task<TestDatabase?> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
