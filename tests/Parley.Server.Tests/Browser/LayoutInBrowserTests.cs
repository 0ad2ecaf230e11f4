using Microsoft.Playwright;
using Parley.Server.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>The desk on a 1024 px screen and the widget on a 1280×800 one: nothing overlaps, hides or falls below the fold.</summary>
public sealed class LayoutInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task A_long_queue_name_on_an_offer_stays_clear_of_the_countdown()
    {
        var support = Service.GetQueue("support")!;
        support.DisplayName = "Customer support for orders, returns, refunds and everything else";
        Assert.True((await Service.SaveQueueAsync("admin", "support", support, default)).Succeeded);
        await using var context = await NewContextAsync(1024, 768);
        var bob = await BrowserFixture.SignInAsync(context, "bob", "status", Patience);
        await bob.ClickAsync("[data-part=presence-available]");
        await Expect(bob.Locator("[data-part=status]")).ToContainTextAsync("Ready", new() { Timeout = Patience });
        await Server.StartConversationAsync(name: "Ann");

        var offer = bob.Locator("[data-part=offer]");
        await Expect(offer).ToBeVisibleAsync(new() { Timeout = Patience });
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-1024-long-queue-offer.png") });
        var chip = await BoxAsync(offer.Locator(".queue-chip"));
        var countdown = await BoxAsync(offer.Locator("[data-part=offer-countdown]"));
        var card = await BoxAsync(offer);
        Assert.True(chip.X + chip.Width <= countdown.X, $"the queue name ({chip.X}+{chip.Width}) runs under the countdown at {countdown.X}");
        Assert.True(chip.X + chip.Width <= card.X + card.Width, "the queue name leaves the card");
    }

    [Fact]
    public async Task At_1024_px_being_offered_in_the_pick_list_stays_clear_of_Take()
    {
        // A chat in Sales, offered to Alice: Bob's pick list shows it as being offered.
        await using var alice = await Server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        var waiting = await Server.StartConversationAsync(queue: "sales", name: "Nia", answers: new() { ["interest"] = "A bike" });
        await alice.Offers.WaitForAsync(o => o.ConversationId == waiting.ConversationId, "the offer to Alice");

        await using var context = await NewContextAsync(1024, 768);
        var bob = await BrowserFixture.SignInAsync(context, "bob", "status", Patience);
        await bob.ClickAsync("[data-part=presence-available]");
        var item = bob.Locator($"[data-part=pick-item][data-conversation='{waiting.ConversationId}']");
        var offered = item.GetByText("being offered");
        await Expect(offered).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(item.Locator("[data-part=pick]")).ToBeEnabledAsync(new() { Timeout = Patience });
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-1024-pick-list.png") });
        var label = await BoxAsync(offered);
        var take = await BoxAsync(item.Locator("[data-part=pick]"));
        Assert.False(Overlap(label, take), $"'being offered' ({label.X},{label.Y} {label.Width}×{label.Height}) overlaps Take ({take.X},{take.Y} {take.Width}×{take.Height})");
    }

    [Fact]
    public async Task At_1024_px_the_presence_switch_stays_on_one_line_and_the_agents_name_shows()
    {
        await using var context = await NewContextAsync(1024, 768);
        var bob = await BrowserFixture.SignInAsync(context, "bob", "status", Patience);
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-1024-top-bar.png") });

        // The presence switch on one line each, and the agent's name shown.
        await Expect(bob.Locator("[data-part=agent-name]")).ToBeVisibleAsync();
        await Expect(bob.Locator("[data-part=agent-name]")).ToHaveTextAsync("Bob Baker");
        var available = await BoxAsync(bob.Locator("[data-part=presence-available]"));
        var dnd = await BoxAsync(bob.Locator("[data-part=presence-dnd]"));
        Assert.Equal(available.Height, dnd.Height, 1.0);
        var name = await BoxAsync(bob.Locator("[data-part=agent-name]"));
        Assert.True(name.Width > 40, $"the name is squeezed to {name.Width} px");
        var presence = await BoxAsync(bob.Locator("[data-part=presence]"));
        Assert.False(Overlap(presence, name), $"the presence switch ({presence.X}+{presence.Width}) covers the name at {name.X}");
        Assert.False(Overlap(presence, await BoxAsync(bob.Locator("[data-part=sign-out]"))), "the presence switch covers Sign out");
        foreach (var part in new[] { "presence-available", "presence-away", "presence-dnd", "presence-offline", "agent-name", "sign-out" })
        {
            var box = await BoxAsync(bob.Locator($"[data-part={part}]"));
            Assert.True(box.X >= 0 && box.X + box.Width <= 1024, $"{part} is off screen: {box.X}+{box.Width}");
        }
    }

    [Fact]
    public async Task At_1024_px_an_agent_reaches_their_own_canned_responses_from_the_desk_and_the_link_stays_clear_of_the_presence_switch()
    {
        await using var context = await NewContextAsync(1024, 768);
        var bob = await BrowserFixture.SignInAsync(context, "bob", "status", Patience);
        var link = bob.Locator("[data-part=my-responses]");
        await Expect(link).ToBeVisibleAsync(new() { Timeout = Patience });
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-1024-my-responses-link.png") });
        var box = await BoxAsync(link);
        Assert.False(Overlap(await BoxAsync(bob.Locator("[data-part=presence]")), box), "the presence switch covers 'My responses'");
        Assert.True(box.X >= 0 && box.X + box.Width <= 1024, $"'My responses' is off screen: {box.X}+{box.Width}");

        await link.ClickAsync();
        await Expect(bob.Locator("[data-part=canned-editor]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=my-responses]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bactive\b"));
        await Expect(bob.Locator(".topnav-link[href=agent]")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bactive\b"));
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "my-responses-page.png") });
    }

    [Fact]
    public async Task On_the_desk_of_an_admin_who_takes_chats_the_presence_switch_covers_no_link()
    {
        var saved = await Service.SaveAgentAsync("admin", "ada", new AgentInput
        {
            Username = "ada", DisplayName = "Ada Lovelace", Roles = ["agent", "admin"], Queues = ["support"], Password = ParleyClient.AgentPassword,
        }, default);
        Assert.True(saved.Succeeded);
        await using var context = await NewContextAsync(1280, 800);
        var ada = await BrowserFixture.SignInAsync(context, "ada", "status", Patience);
        await ada.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-admin-agent-top-bar.png") });

        var presence = await BoxAsync(ada.Locator("[data-part=presence]"));
        var links = ada.Locator(".topnav-link");
        for (var i = 0; i < await links.CountAsync(); i++)
        {
            if (await links.Nth(i).IsVisibleAsync())
            {
                var link = await BoxAsync(links.Nth(i));
                Assert.False(Overlap(presence, link), $"the presence switch covers '{await links.Nth(i).TextContentAsync()}'");
            }
        }

        // The admin's sections are one click away: the board behind "Admin" shows them all.
        await ada.ClickAsync(".topnav-link[href=admin]");
        await Expect(ada.Locator("[data-part=nav-queues]")).ToBeVisibleAsync(new() { Timeout = Patience });
    }

    [Fact]
    public async Task On_a_1280_by_800_screen_the_pre_chat_errors_come_into_view()
    {
        await using var context = await NewContextAsync(1280, 800);
        var customer = await context.NewPageAsync();
        await customer.GotoAsync("");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await customer.ClickAsync("[data-part=prechat-submit]", new() { Timeout = Patience });
        var error = customer.Locator("[data-part=prechat-error]");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToBeInViewportAsync(new() { Ratio = 1, Timeout = Patience });
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-1280x800-prechat-errors.png") });
    }

    [Fact]
    public async Task After_a_reload_mid_chat_the_widget_panel_opens_again_and_stays_closed_once_closed()
    {
        await using var context = await NewContextAsync(1280, 800);
        var customer = await context.NewPageAsync();
        await customer.GotoAsync("?queue=sales");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=prechat-name]", "Nia");
        await customer.ClickAsync("[data-part=prechat-submit]");
        await Expect(customer.Locator("[data-part=composer]")).ToBeVisibleAsync(new() { Timeout = Patience });

        await customer.ReloadAsync();
        await Expect(customer.Locator("[data-part=panel]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=composer]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-reopened-after-reload.png") });

        // Closed by the customer: a reload leaves it closed.
        await customer.ClickAsync("[data-part=launcher]");
        await Expect(customer.Locator("[data-part=panel]")).ToBeHiddenAsync();
        await customer.ReloadAsync();
        await Expect(customer.Locator("[data-part=launcher]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=panel]")).ToBeHiddenAsync();
    }

    private static bool Overlap(LocatorBoundingBoxResult a, LocatorBoundingBoxResult b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} has no box");

    private Task<IBrowserContext> NewContextAsync(int width, int height) =>
        browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height } });

    private AdminService Service => Server.Services.GetRequiredService<AdminService>();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
