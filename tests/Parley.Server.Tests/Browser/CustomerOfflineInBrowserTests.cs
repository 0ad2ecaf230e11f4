using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// The desk shows "customer offline" on a chat whose customer's edge went away — in the chat list, above the
/// transcript and in the reply box — and takes it away when the edge is back; what the agent wrote meanwhile waits.
/// </summary>
public sealed class CustomerOfflineInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task A_chat_whose_customer_edge_is_offline_says_customer_offline_until_the_edge_is_back()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = new ParleyServer(time: time);
        var heartbeats = new EdgeHeartbeats(server, time);
        await heartbeats.HeardAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var bob = await BrowserFixture.SignInAsync(context, "bob");
        var errors = new List<string>();
        bob.PageError += (_, e) => errors.Add(e.ToString());
        await bob.ClickAsync("[data-part=presence-available]", new() { Timeout = Patience });
        await using var customer = await CustomerSession.StartAsync(server, "support", "Carla Customer", new() { ["topic"] = "An order" });
        await bob.ClickAsync("[data-part=offer-accept]", new() { Timeout = Patience });
        var tab = bob.Locator($"[data-part=tab][data-conversation-id='{customer.Id}']");
        await Expect(tab).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=customer-offline]")).ToHaveCountAsync(0);

        await heartbeats.StopAsync();
        time.Advance(EdgeHeartbeats.PastThree);

        await Expect(tab.Locator("[data-part=customer-offline]")).ToHaveTextAsync("customer offline", new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=customer-offline-banner]"))
            .ToHaveTextAsync("Customer offline — Carla Customer will see your messages when they are back.", new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=composer]")).ToHaveAttributeAsync("placeholder", "Customer offline — they will see it when they are back…");
        await bob.FillAsync("[data-part=composer]", "I have found your order.");
        await bob.PressAsync("[data-part=composer]", "Enter");
        await Expect(bob.Locator("[data-part=message][data-sender=agent]")).ToContainTextAsync("I have found your order.", new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=customer-offline-banner]")).ToBeVisibleAsync();
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-customer-offline.png") });

        await heartbeats.StartAsync();

        await Expect(bob.Locator("[data-part=customer-offline]")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=customer-offline-banner]")).ToHaveCountAsync(0);
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-customer-back-online.png") });
        Assert.Empty(errors);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
