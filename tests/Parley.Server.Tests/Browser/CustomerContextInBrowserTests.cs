using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// The agent's view of the customer: the page, referrer and browser the chat started from, whether the customer still
/// has the page in front of them, and links that are clickable on both sides while <c>javascript:</c> stays text.
/// </summary>
public sealed class CustomerContextInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    // What a browser does when the customer switches to another tab (headless Chromium never hides a page by itself).
    private const string HideTab = """
        () => {
          Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
          document.dispatchEvent(new Event("visibilitychange"));
        }
        """;

    [Fact]
    public async Task The_agent_sees_where_the_customer_came_from_that_they_hid_the_tab_and_left_and_links_are_clickable_on_both_sides()
    {
        await using var customerContext = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        await using var agentContext = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var agent = await BrowserFixture.SignInAsync(agentContext, "alice", "status", Patience);
        var customer = await customerContext.NewPageAsync();
        var errors = new List<string>();
        customer.PageError += (_, e) => errors.Add("customer: " + e);
        agent.PageError += (_, e) => errors.Add("agent: " + e);
        await agent.ClickAsync("[data-part=presence-available]");
        await Expect(agent.Locator("[data-part=status]")).ToContainTextAsync("Ready", new() { Timeout = Patience });

        // The customer arrives from a search page and starts a chat on the demo page.
        await customer.GotoAsync("", new() { Referer = "https://search.example/?q=parley+help" });
        await customer.EvaluateAsync("() => { document.title = 'Order help — Example Shop'; }");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=prechat-name]", "Ann");
        await customer.Locator("[data-part=prechat-question][data-question-id=topic]").SelectOptionAsync("An order");
        await customer.ClickAsync("[data-part=prechat-submit]");
        await agent.ClickAsync("[data-part=offer-accept]", new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=status]")).ToContainTextAsync("Alice Adams", new() { Timeout = Patience });

        var panel = agent.Locator("[data-part=customer-context]");
        await Expect(panel.Locator("[data-part=start-page] a")).ToHaveTextAsync("Order help — Example Shop", new() { Timeout = Patience });
        await Expect(panel.Locator("[data-part=start-page] a")).ToHaveAttributeAsync("href", Server.BaseAddress.ToString());
        await Expect(panel.Locator("[data-part=referrer] a")).ToHaveAttributeAsync("href", "https://search.example/?q=parley+help");
        await Expect(panel.Locator("[data-part=browser]")).ToContainTextAsync("Chrome");
        await Expect(panel.Locator("[data-part=local-time]")).ToContainTextAsync("UTC");
        await Expect(panel.Locator("[data-part=visits]")).ToHaveTextAsync("First chat from this browser");
        await Expect(panel.Locator("[data-part=page-visibility]")).ToHaveAttributeAsync("data-visibility", "visible", new() { Timeout = Patience });

        // Links both ways: http(s) clickable in a new tab without opener or referrer, javascript: stays text.
        await customer.FillAsync("[data-part=composer]", "My order: https://shop.example/orders/42. Also javascript:alert(1) <a href=\"javascript:alert(2)\">x</a>");
        await customer.PressAsync("[data-part=composer]", "Enter");
        await agent.FillAsync("[data-part=composer]", "Track it at https://track.example/42?ref=parley");
        await agent.PressAsync("[data-part=composer]", "Enter");

        var atAgent = agent.Locator("[data-part=message][data-sender=customer] [data-part=message-text]");
        await Expect(atAgent).ToContainTextAsync("javascript:alert(1)", new() { Timeout = Patience });
        await ExpectOnlyLinkAsync(atAgent, "https://shop.example/orders/42");
        var atCustomer = customer.Locator("[data-part=message][data-sender=agent] [data-part=message-text]");
        await Expect(atCustomer).ToContainTextAsync("Track it at", new() { Timeout = Patience });
        await ExpectOnlyLinkAsync(atCustomer, "https://track.example/42?ref=parley");
        var ownAtCustomer = customer.Locator("[data-part=message][data-sender=customer][data-seq] [data-part=message-text]");
        await Expect(ownAtCustomer).ToContainTextAsync("<a href=\"javascript:alert(2)\">x</a>", new() { Timeout = Patience });
        await ExpectOnlyLinkAsync(ownAtCustomer, "https://shop.example/orders/42");

        // The customer switches to another tab: the agent's panel says so.
        await customer.EvaluateAsync(HideTab);
        await Expect(panel.Locator("[data-part=page-visibility]")).ToHaveAttributeAsync("data-visibility", "hidden", new() { Timeout = Patience });
        await Expect(panel.Locator("[data-part=page-visibility]")).ToContainTextAsync("Tab hidden");

        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-links.png") });
        await agent.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-customer-context.png") });

        // The customer navigates away: the widget says so on pagehide, before its connection closes.
        await customer.GotoAsync("about:blank");
        await Expect(panel.Locator("[data-part=page-visibility]")).ToHaveAttributeAsync("data-visibility", "left", new() { Timeout = Patience });
        await Expect(panel.Locator("[data-part=page-visibility]")).ToContainTextAsync("Left the page");
        Assert.Empty(errors);
    }

    /// <summary>The message has exactly one link, to <paramref name="href"/>, opening in a new tab without opener or referrer.</summary>
    private static async Task ExpectOnlyLinkAsync(ILocator message, string href)
    {
        var link = message.Locator("a");
        await Expect(link).ToHaveCountAsync(1);
        await Expect(link).ToHaveAttributeAsync("href", href);
        await Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
