using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>What the desk offers an agent who cannot take chats: not Available, or serving no queue at all.</summary>
public sealed class DeskAvailabilityInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task An_agent_who_is_not_available_sees_the_waiting_chats_with_Take_disabled_and_why()
    {
        var waiting = await Server.StartConversationAsync(queue: "sales", name: "Nia");
        await using var context = await NewContextAsync();
        var bob = await BrowserFixture.SignInAsync(context, "bob", "status", Patience);
        var errors = new List<string>();
        bob.PageError += (_, e) => errors.Add(e);

        var take = bob.Locator($"[data-part=pick][data-conversation='{waiting.ConversationId}']");
        await Expect(take).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(take).ToBeDisabledAsync();
        var hint = bob.Locator("[data-part=pick-hint]");
        await Expect(hint).ToHaveTextAsync("Set yourself Available to take a chat.");
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-pick-offline.png") });

        await bob.ClickAsync("[data-part=presence-available]");
        await Expect(take).ToBeEnabledAsync(new() { Timeout = Patience });
        await Expect(hint).ToHaveCountAsync(0);
        await take.ClickAsync();
        await Expect(bob.Locator("[data-part=tab]")).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=error]")).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_account_in_no_queue_is_told_so_on_the_desk_and_a_supervisor_gets_a_link_to_the_board()
    {
        await using var context = await NewContextAsync();
        var admin = await BrowserFixture.SignInAsync(context, "admin", "agent-name", Patience);
        var errors = new List<string>();
        admin.PageError += (_, e) => errors.Add(e);

        var notice = admin.Locator("[data-part=no-queues]");
        await Expect(notice).ToContainTextAsync("You serve no queue", new() { Timeout = Patience });
        await Expect(notice.Locator("a[data-part=board-link]")).ToHaveAttributeAsync("href", "admin");
        await Expect(admin.Locator("main")).Not.ToContainTextAsync("Available");
        await Expect(admin.Locator("[data-part=presence]")).ToHaveCountAsync(0);
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-no-queues.png") });

        await notice.Locator("a[data-part=board-link]").ClickAsync();
        await admin.WaitForURLAsync("**/admin", new() { Timeout = Patience });
        Assert.Empty(errors);
    }

    private Task<IBrowserContext> NewContextAsync() =>
        browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
