using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>Routing as people see it: the place in line in the widget, transfers between desktops, presence on the board.</summary>
public sealed class RoutingInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task The_widget_shows_the_place_in_line_with_an_estimate_and_moves_up_when_the_chat_ahead_is_taken()
    {
        // Bob serves the queue but is at capacity (3 chats), so new chats wait and there is an estimate.
        await using var bob = await Server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        var first = await Server.StartConversationAsync(name: "Ann");
        foreach (var name in new[] { "Ben", "Cy" })
        {
            await Server.StartConversationAsync(name: name);
        }

        var accepted = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var offer = await bob.Offers.WaitForAsync(o => !accepted.Contains(o.ConversationId), "an offer to Bob");
            accepted.Add((await bob.Connection.InvokeAsync<AssignedConversationView>("Accept", offer.OfferId)).ConversationId);
        }

        var ahead = await Server.StartConversationAsync(name: "Dee");
        Assert.Equal(1, ahead.Status.Position);

        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 } });
        var customer = await context.NewPageAsync();
        var errors = new List<string>();
        customer.PageError += (_, e) => errors.Add(e);
        await customer.GotoAsync("");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=prechat-name]", "Eve");
        await customer.Locator("[data-part=prechat-question][data-question-id=topic]").SelectOptionAsync("An order");
        await customer.ClickAsync("[data-part=prechat-submit]");

        var position = customer.Locator("[data-part=queue-position]");
        await Expect(position).ToHaveTextAsync(new Regex(@"^You are number 2 — (about \d+ minutes?|less than a minute)$"), new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=status]")).ToHaveTextAsync("Waiting for an agent…");
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-queued.png") });

        // Bob finishes a chat and takes the one ahead: Eve is next, pushed live.
        Assert.Contains(first.ConversationId, accepted);
        await bob.Connection.InvokeAsync("Close", first.ConversationId);
        await bob.AcceptAsync(ahead.ConversationId);
        await Expect(position).ToHaveTextAsync(new Regex(@"^You are next( — .+)?$"), new() { Timeout = Patience });
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-next.png") });

        // The visitor token is kept per server, for the next start.
        var stored = await customer.EvaluateAsync<string?>("() => Object.keys(localStorage).find(k => k.startsWith('parley:v1:visitor:')) ?? null");
        Assert.NotNull(stored);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_agent_transfers_a_chat_to_another_agent_who_accepts_and_the_customer_sees_the_new_agent()
    {
        await using var aliceContext = await NewDesktopContextAsync();
        await using var bobContext = await NewDesktopContextAsync();
        await using var customerContext = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var alice = await SignInAsync(aliceContext, "alice");
        var customer = await customerContext.NewPageAsync();
        var errors = new List<string>();
        alice.PageError += (_, e) => errors.Add("alice: " + e);
        customer.PageError += (_, e) => errors.Add("customer: " + e);

        await alice.ClickAsync("[data-part=presence-available]", new() { Timeout = Patience });
        await Expect(alice.Locator("[data-part=status]")).ToContainTextAsync("Ready", new() { Timeout = Patience });
        await customer.GotoAsync("");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=prechat-name]", "Ann");
        await customer.Locator("[data-part=prechat-question][data-question-id=topic]").SelectOptionAsync("Returns and refunds");
        await customer.ClickAsync("[data-part=prechat-submit]");
        await alice.ClickAsync("[data-part=offer-accept]", new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=status]")).ToContainTextAsync("Alice Adams", new() { Timeout = Patience });

        // Bob comes in only now, so the chat went to Alice.
        var bob = await SignInAsync(bobContext, "bob");
        bob.PageError += (_, e) => errors.Add("bob: " + e);
        await bob.ClickAsync("[data-part=presence-available]", new() { Timeout = Patience });

        // Alice transfers to Bob: the dialog lists Bob as able to take the chat (live), and every queue.
        await alice.ClickAsync("[data-part=transfer]");
        var toBob = alice.Locator("[data-part=transfer-agent][data-username=bob]");
        await Expect(toBob).ToBeEnabledAsync(new() { Timeout = Patience });
        await Expect(toBob).ToContainTextAsync("Ready");
        await Expect(alice.Locator("[data-part=transfer-queue][data-queue=sales]")).ToBeVisibleAsync();
        await toBob.ClickAsync();
        await alice.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-transfer-dialog.png") });
        await alice.ClickAsync("[data-part=transfer-confirm]");
        await Expect(alice.Locator("[data-part=transfer-pending]")).ToContainTextAsync("Bob Baker", new() { Timeout = Patience });

        // Bob sees whose transfer it is and accepts.
        var offer = bob.Locator("[data-part=offer]");
        await Expect(offer.Locator("[data-part=offer-transfer]")).ToHaveTextAsync("Transfer from Alice Adams", new() { Timeout = Patience });
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-transfer-offer.png") });
        await bob.ClickAsync("[data-part=offer-accept]");

        // The customer now talks to Bob; Alice's tab is gone, with a note.
        await Expect(customer.Locator("[data-part=status]")).ToContainTextAsync("Bob Baker", new() { Timeout = Patience });
        await Expect(alice.Locator("[data-part=tab]")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Expect(alice.Locator("[data-part=note]")).ToContainTextAsync("transferred to Bob Baker");
        await Expect(bob.Locator("[data-part=tab]")).ToHaveCountAsync(1);

        await bob.FillAsync("[data-part=composer]", "Hi Ann, Bob here. I handle returns.");
        await bob.PressAsync("[data-part=composer]", "Enter");
        await Expect(customer.Locator("[data-part=message][data-sender=agent] [data-part=message-text]").Last)
            .ToHaveTextAsync("Hi Ann, Bob here. I handle returns.", new() { Timeout = Patience });
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-after-transfer.png") });
        await alice.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-after-transfer.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Away_with_a_reason_shows_on_the_admin_board_live()
    {
        await using var bobContext = await NewDesktopContextAsync();
        await using var aliceContext = await NewDesktopContextAsync();
        var bob = await SignInAsync(bobContext, "bob");
        var admin = await SignInAsync(aliceContext, "alice");
        var errors = new List<string>();
        bob.PageError += (_, e) => errors.Add("bob: " + e);
        admin.PageError += (_, e) => errors.Add("admin: " + e);
        await admin.GotoAsync("admin");
        var row = admin.Locator("[data-part=agent-row][data-agent=bob]");
        await Expect(row.Locator("[data-part=agent-presence]")).ToContainTextAsync("Offline", new() { Timeout = Patience });

        // A preset reason with one click.
        await bob.ClickAsync("[data-part=presence-away]", new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=presence-reasons]")).ToBeVisibleAsync();
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-presence-reason.png") });
        await bob.ClickAsync("[data-part=presence-reason-option][data-reason=Lunch]");
        await Expect(bob.Locator("[data-part=status]")).ToContainTextAsync("Lunch", new() { Timeout = Patience });
        await Expect(row.Locator("[data-part=agent-presence]")).ToContainTextAsync("Away · Lunch", new() { Timeout = Patience });
        await Expect(row.Locator("[data-part=agent-status]")).ToContainTextAsync("Away");

        // Do not disturb with a typed reason; markup in it stays text.
        await bob.ClickAsync("[data-part=presence-dnd]");
        await bob.FillAsync("[data-part=presence-reason]", "Coaching <b>session</b>");
        await bob.ClickAsync("[data-part=presence-reason-apply]");
        await Expect(row.Locator("[data-part=agent-presence]")).ToContainTextAsync("Do not disturb · Coaching <b>session</b>", new() { Timeout = Patience });
        await Expect(row.Locator("[data-part=agent-status]")).ToHaveAttributeAsync("data-status", "dnd");
        Assert.Equal(0, await row.Locator("b:text('session')").CountAsync());
        await Expect(admin.Locator("[data-part=queue-row][data-queue=support] [data-part=queue-waiting]")).ToHaveTextAsync("0");
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-board.png"), FullPage = true });
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-dnd.png") });
        Assert.Empty(errors);
    }

    private Task<IBrowserContext> NewDesktopContextAsync() =>
        browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });

    private static Task<IPage> SignInAsync(IBrowserContext context, string username) => BrowserFixture.SignInAsync(context, username, "status", Patience);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
