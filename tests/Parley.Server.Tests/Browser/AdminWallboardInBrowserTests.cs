using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>The admin's wallboard page: a link made and shown once, opened on a TV, revoked from the page.</summary>
public sealed class AdminWallboardInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task An_admin_makes_a_link_that_opens_the_wallboard_and_revoking_it_on_the_page_closes_the_tv()
    {
        await using var server = new ParleyServer();
        await using var adminContext = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var admin = await BrowserFixture.SignInAsync(adminContext, "admin", patience: Patience);
        await admin.ClickAsync("[data-part=nav-wallboard]");
        await Expect(admin.Locator("[data-part=wallboard-keys]")).ToBeVisibleAsync(new() { Timeout = Patience });

        await admin.ClickAsync("[data-part=wallboard-key-create]"); // no name
        await Expect(admin.Locator("[data-part=wallboard-key-error]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await admin.FillAsync("[data-part=wallboard-key-name]", "Floor <b>2</b> TV");
        await admin.FillAsync("[data-part=wallboard-key-zone]", "Europe/Amsterdam");
        await admin.ClickAsync("[data-part=wallboard-key-create]");
        var link = admin.Locator("[data-part=wallboard-key-link]");
        await Expect(link).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"/wallboard\?key=[A-Za-z0-9_-]{43}&timeZone=Europe%2FAmsterdam$"), new() { Timeout = Patience });
        await Expect(admin.Locator("[data-part=wallboard-key-row]")).ToContainTextAsync("Floor <b>2</b> TV"); // text, not markup
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-wallboard-keys.png"), FullPage = true });

        await using var tvContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        var tv = await tvContext.NewPageAsync();
        await tv.GotoAsync(await link.InputValueAsync());
        await Expect(tv.Locator("[data-part=wallboard-queue]")).ToHaveCountAsync(3, new() { Timeout = Patience });
        await Expect(tv.Locator("[data-part=wallboard-clock]")).ToContainTextAsync("Europe/Amsterdam");

        await admin.ClickAsync("[data-part=wallboard-key-revoke]");
        await Expect(admin.Locator("[data-part=wallboard-key-row]")).ToContainTextAsync("revoked", new() { Timeout = Patience });
        await Expect(admin.Locator("[data-part=wallboard-key-link]")).ToHaveCountAsync(0);
        await Expect(tv.Locator("[data-part=wallboard-refused]")).ToBeVisibleAsync(new() { Timeout = 5_000 });
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
