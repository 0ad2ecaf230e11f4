using Microsoft.Playwright;
using Parley.Server.Tests.Browser;

namespace Parley.Server.Tests.Publishing;

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
