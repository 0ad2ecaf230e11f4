using Microsoft.Playwright;
using Parley.Server.Edges;
using Parley.Server.UrlCheck;
using Parley.Server.Tests.Browser;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.UrlCheck;

/// <summary>The admin page /admin/edges in Chromium: the External URL check as an admin uses it.</summary>
public sealed class EdgesPageInBrowserTests(BrowserFixture browser, ProxyFixture proxies) : IClassFixture<BrowserFixture>, IClassFixture<ProxyFixture>
{
    private const float Patience = 30_000;

    [Fact]
    public async Task An_admin_checks_the_external_URL_and_sees_valid_then_invalid_with_the_reasons_as_text()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = proxies.Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await SignInAsync(context, "admin");
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        // From the admin overview (on the desk page, at this width, the presence switch sits over the end of the admin links).
        await page.GotoAsync("admin");
        await page.ClickAsync("[data-part=nav-edges]");
        await page.WaitForURLAsync("**/admin/edges");
        var input = page.Locator("[data-part=external-url-input]");
        await Expect(input).ToBeVisibleAsync(new() { Timeout = Patience });

        // A malformed URL is a validation error, not a check.
        await input.FillAsync("chat.example.com");
        await page.ClickAsync("[data-part=external-url-check]");
        await Expect(page.Locator("[data-part=external-url-error]")).ToContainTextAsync("not an absolute http:// or https:// URL", new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=check-result]")).ToHaveCountAsync(0);

        // The recommended nginx configuration: ✔ with the edge, its version and the round trip.
        await input.FillAsync(proxies[NginxVariant.Correct].BaseAddress.ToString());
        await page.ClickAsync("[data-part=external-url-check]");
        var result = page.Locator("[data-part=check-result]");
        await Expect(result).ToHaveAttributeAsync("data-outcome", "valid", new() { Timeout = Patience });
        await Expect(result).ToContainTextAsync("✔");
        await Expect(page.Locator("[data-part=check-facts]")).ToContainTextAsync("Edge local");
        await Expect(page.Locator("[data-part=external-url-error]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-edges-valid.png") });

        // nginx publishing everything: ✖ with one reason per exposed path.
        await input.FillAsync(proxies[NginxVariant.ExposesAdmin].BaseAddress.ToString());
        await page.ClickAsync("[data-part=external-url-check]");
        await Expect(result).ToHaveAttributeAsync("data-outcome", "invalid", new() { Timeout = Patience });
        await Expect(result.Locator("li").Filter(new() { HasText = "Internal path /admin answers" })).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-edges-invalid.png") });

        // A made-up edge whose name carries markup: shown as text, never as markup.
        await input.FillAsync(proxies[NginxVariant.Impostor].BaseAddress.ToString());
        await page.ClickAsync("[data-part=external-url-check]");
        await Expect(result).ToHaveAttributeAsync("data-outcome", "invalid", new() { Timeout = Patience });
        await Expect(result).ToContainTextAsync("another installation (edge '<b>impostor</b>')");
        Assert.Equal(0, await result.Locator("b:text('impostor')").CountAsync());

        // Nothing listening: ? with the reason.
        await input.FillAsync($"http://127.0.0.1:{ThroughNginxTests.ClosedPort()}/");
        await page.ClickAsync("[data-part=external-url-check]");
        await Expect(result).ToHaveAttributeAsync("data-outcome", "unknown", new() { Timeout = Patience });
        await Expect(result).ToContainTextAsync("Connection refused");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-edges-unknown.png") });

        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_page_prefills_the_announced_external_URLs_and_checks_each_edge_in_its_row()
    {
        // Two edges announce where the proxy publishes them: one right, one that exposes the admin side.
        var directory = proxies.Server.Services.GetRequiredService<EdgeDirectory>();
        var right = proxies[NginxVariant.Correct].BaseAddress.ToString();
        var wrong = proxies[NginxVariant.ExposesAdmin].BaseAddress.ToString();
        directory.Heard(new EdgeHeartbeat("dmz-1", "Amsterdam", EdgeProbe.Version, right, DateTimeOffset.UtcNow));
        directory.Heard(new EdgeHeartbeat("dmz-2", "Dublin", EdgeProbe.Version, wrong, DateTimeOffset.UtcNow));
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = proxies.Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 1000 } });
        var page = await SignInAsync(context, "admin");
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync("admin/edges");

        // The box holds the first announced URL, and offers every edge's.
        var input = page.Locator("[data-part=external-url-input]");
        await Expect(input).ToHaveValueAsync(right, new() { Timeout = Patience });
        var offered = await page.Locator("#announced-urls option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        Assert.Equal([right, wrong], offered);

        // Each row checks its own edge's URL and shows the result in that row.
        var first = page.Locator("[data-part=edge-row][data-edge=dmz-1]");
        var second = page.Locator("[data-part=edge-row][data-edge=dmz-2]");
        await first.Locator("[data-part=edge-check]").ClickAsync();
        await second.Locator("[data-part=edge-check]").ClickAsync();
        var firstResult = page.Locator("[data-part=edge-check-result][data-edge=dmz-1] [data-part=check-result]");
        var secondResult = page.Locator("[data-part=edge-check-result][data-edge=dmz-2] [data-part=check-result]");
        await Expect(firstResult).ToHaveAttributeAsync("data-outcome", "valid", new() { Timeout = Patience });
        await Expect(firstResult).ToContainTextAsync(right);
        await Expect(secondResult).ToHaveAttributeAsync("data-outcome", "invalid", new() { Timeout = Patience });
        await Expect(secondResult.Locator("li").Filter(new() { HasText = "Internal path /admin answers 302 Found through the external URL — the admin pages are published." })).ToHaveCountAsync(1);
        // The page's own box is untouched by the rows' checks.
        await Expect(page.Locator("[data-part=external-url] [data-part=check-result]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-edges-row-checks.png"), FullPage = true });

        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_edge_that_announces_itself_after_the_page_opened_fills_the_empty_box_and_a_bad_URL_is_explained_in_its_row()
    {
        await using var server = new ParleyServer();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString() });
        var page = await SignInAsync(context, "admin");
        await page.GotoAsync("admin/edges");
        var input = page.Locator("[data-part=external-url-input]");
        await Expect(page.Locator("[data-part=edge-row][data-edge=local]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(input).ToHaveValueAsync("");

        var directory = server.Services.GetRequiredService<EdgeDirectory>();
        directory.Heard(new EdgeHeartbeat("dmz-1", "Amsterdam", EdgeProbe.Version, "https://chat.example.com/", DateTimeOffset.UtcNow));
        directory.Heard(new EdgeHeartbeat("dmz-2", "Dublin", EdgeProbe.Version, "chat.example.com", DateTimeOffset.UtcNow));

        await Expect(input).ToHaveValueAsync("https://chat.example.com/", new() { Timeout = Patience });
        await page.Locator("[data-part=edge-row][data-edge=dmz-2] [data-part=edge-check]").ClickAsync();
        await Expect(page.Locator("[data-part=edge-check-result][data-edge=dmz-2]"))
            .ToContainTextAsync("The announced URL cannot be checked: 'chat.example.com' is not an absolute http:// or https:// URL", new() { Timeout = Patience });
        // The edge of the all-in-one server announces no URL: nothing to check.
        await Expect(page.Locator("[data-part=edge-row][data-edge=local] [data-part=edge-check]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_agent_who_is_not_an_admin_does_not_get_the_edges_page()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = proxies.Server.BaseAddress.ToString() });
        var page = await SignInAsync(context, "alice");

        await Expect(page.Locator("[data-part=nav-edges]")).ToHaveCountAsync(0);
        await page.GotoAsync("admin/edges");

        // Signed in but not an admin: sent to the sign-in page, the page never rendered.
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/agent/login"), new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=external-url-input]")).ToHaveCountAsync(0);
    }

    private static Task<IPage> SignInAsync(IBrowserContext context, string username) => BrowserFixture.SignInAsync(context, username, patience: Patience);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
