using Microsoft.Playwright;
using Parley.Server.Tests.Edges;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>The demo page (one static file for every role) points agents to /agent only where /agent answers.</summary>
public sealed class DemoPageInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task On_an_edge_the_demo_page_does_not_send_agents_to_a_desk_that_is_not_there()
    {
        await using var edge = new ParleyServer(settings: RoleTests.Edge());
        await using var context = await NewContextAsync(edge.BaseAddress);
        var page = await OpenDemoPageAsync(context);

        var signIn = page.Locator("[data-part=agent-sign-in]");
        await Assertions.Expect(signIn).ToHaveAttributeAsync("data-desk", "absent", new() { Timeout = Patience });
        await Assertions.Expect(signIn).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByText("Agents sign in at")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "demo-page-edge.png") });
    }

    [Fact]
    public async Task On_the_all_in_one_server_the_demo_page_links_to_the_agent_desktop()
    {
        await using var server = new ParleyServer();
        await using var context = await NewContextAsync(server.BaseAddress);
        var page = await OpenDemoPageAsync(context);

        var signIn = page.Locator("[data-part=agent-sign-in]");
        await Assertions.Expect(signIn).ToHaveAttributeAsync("data-desk", "present", new() { Timeout = Patience });
        await Assertions.Expect(signIn).ToBeVisibleAsync();
        await Assertions.Expect(signIn.Locator("a")).ToHaveAttributeAsync("href", "/agent");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "demo-page-all-in-one.png") });
    }

    private Task<IBrowserContext> NewContextAsync(Uri address) =>
        browser.Browser.NewContextAsync(new() { BaseURL = address.ToString(), ViewportSize = new() { Width = 1280, Height = 720 } });

    private static async Task<IPage> OpenDemoPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync("");
        await Assertions.Expect(page.Locator(".demo")).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.Empty(errors);
        return page;
    }
}
