using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Parley.Routing;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// No chat is left without an agent: signing out with open chats asks first and returns them to their queue (the
/// customer is told), and a supervisor moves a chat an agent holds from the live board.
/// </summary>
public sealed class OrphanedChatInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task Signing_out_with_an_open_chat_asks_first_and_the_customer_sees_the_chat_go_back_to_the_queue()
    {
        await using var bobContext = await NewContextAsync();
        await using var customerContext = await NewContextAsync();
        var bob = await BrowserFixture.SignInAsync(bobContext, "bob");
        var customer = await customerContext.NewPageAsync();
        var errors = new List<string>();
        bob.PageError += (_, e) => errors.Add("bob: " + e);
        customer.PageError += (_, e) => errors.Add("customer: " + e);

        await bob.ClickAsync("[data-part=presence-available]", new() { Timeout = Patience });
        await customer.GotoAsync("");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=prechat-name]", "Ann");
        await customer.Locator("[data-part=prechat-question][data-question-id=topic]").SelectOptionAsync("Returns and refunds");
        await customer.ClickAsync("[data-part=prechat-submit]");
        await bob.ClickAsync("[data-part=offer-accept]", new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=status]")).ToContainTextAsync("Bob Baker", new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=tab]")).ToHaveCountAsync(1, new() { Timeout = Patience });

        // Sign out: the desk asks, saying how many chats and where they go. Staying keeps everything.
        var dialog = bob.Locator("[data-part=sign-out-dialog]");
        await bob.ClickAsync("[data-part=sign-out]");
        await Expect(dialog).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(dialog.Locator("[data-part=sign-out-count]")).ToHaveTextAsync("1 open chat");
        await Expect(dialog).ToContainTextAsync("sends them back to their queue, keeping their place in line");
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-sign-out-confirm.png") });
        await bob.ClickAsync("[data-part=sign-out-cancel]");
        await Expect(dialog).ToBeHiddenAsync();
        Assert.EndsWith("/agent", bob.Url, StringComparison.Ordinal);
        await Expect(customer.Locator("[data-part=status]")).ToContainTextAsync("Bob Baker");

        // Confirmed: signed out, and the customer reads that the chat is back in the queue with its place.
        await bob.ClickAsync("[data-part=sign-out]");
        await bob.ClickAsync("[data-part=sign-out-confirm]");
        await bob.WaitForURLAsync("**/agent/login", new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=message][data-sender=system]").Last)
            .ToContainTextAsync("Bob Baker had to leave. Your chat is back in the queue, keeping its place", new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=status]")).Not.ToContainTextAsync("Bob Baker", new() { Timeout = Patience });
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-chat-returned-to-queue.png") });
        Assert.Equal(ConversationStage.Queued, Assert.Single(await Server.Services.GetRequiredService<Parley.Server.RoutingHost.RoutingCoordinator>()
            .QueryAsync((engine, now) => engine.GetConversations(now), CancellationToken.None)).Stage);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Signing_out_without_open_chats_does_not_ask()
    {
        await using var context = await NewContextAsync();
        var bob = await BrowserFixture.SignInAsync(context, "bob", readyPart: "status");

        await bob.ClickAsync("[data-part=sign-out]");

        await bob.WaitForURLAsync("**/agent/login", new() { Timeout = Patience });
    }

    [Fact]
    public async Task A_supervisor_gives_a_held_chat_to_another_agent_and_then_returns_it_to_a_queue_from_the_board()
    {
        await using var bobContext = await NewContextAsync();
        await using var aliceContext = await NewContextAsync();
        var bob = await BrowserFixture.SignInAsync(bobContext, "bob");
        var admin = await BrowserFixture.SignInAsync(aliceContext, "alice");
        var errors = new List<string>();
        bob.PageError += (_, e) => errors.Add("bob: " + e);
        admin.PageError += (_, e) => errors.Add("admin: " + e);

        await bob.ClickAsync("[data-part=presence-available]", new() { Timeout = Patience });
        await using var customer = await CustomerSession.StartAsync(Server, "support", "Carla Customer", new() { ["topic"] = "An order" });
        await bob.ClickAsync("[data-part=offer-accept]", new() { Timeout = Patience });
        await customer.Status.WaitForAsync(s => s.AgentName == "Bob Baker", "Bob joined");
        // Alice takes chats from her hub connection; she works the board in the browser.
        await using var alice = await Server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();

        await admin.GotoAsync("admin");
        var chat = admin.Locator($"[data-part=held-chat][data-conversation='{customer.Id}']");
        await Expect(chat).ToContainTextAsync("with Bob Baker", new() { Timeout = Patience });
        await chat.ClickAsync();
        await admin.Locator("[data-part=held-agent]").SelectOptionAsync("alice");
        // The panel only: a full-page shot after a click shows the sticky top bar halfway down.
        await admin.Locator("[data-part=held-chats-panel]").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-move-held-chat.png") });
        await admin.ClickAsync("[data-part=held-give]");

        await alice.Assigned.WaitForAsync(a => a.ConversationId == customer.Id, "Alice gets the chat");
        await Expect(bob.Locator("[data-part=tab]")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=note]")).ToContainTextAsync("transferred to Alice Adams");
        await Expect(chat).ToContainTextAsync("with Alice Adams", new() { Timeout = Patience });
        await customer.Messages.WaitForAsync(m => m.Text == "Alice Adams took over the chat from Bob Baker.", "the customer told");

        // Then back to a queue (Sales): Bob, a Sales member, is offered it; the customer waits with their place.
        await alice.Connection.InvokeAsync("SetPresenceWithReason", AgentPresence.Away, "Meeting");
        await chat.ClickAsync();
        await admin.Locator("[data-part=held-queue]").SelectOptionAsync("sales");
        await admin.ClickAsync("[data-part=held-move]");
        await customer.Status.WaitForAsync(s => s.State == ConversationState.Queued, "queued in Sales");
        await Expect(admin.Locator("[data-part=note]")).ToContainTextAsync("Carla Customer went back to Sales, keeping their place.", new() { Timeout = Patience });
        await Expect(admin.Locator("[data-part=held-empty]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=offer]")).ToContainTextAsync("Carla Customer", new() { Timeout = Patience });
        await admin.Locator("[data-part=held-chats-panel]").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-held-chat-moved.png") });
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-after-supervisor-move.png") });
        Assert.Empty(errors);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private Task<IBrowserContext> NewContextAsync() =>
        browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
}
