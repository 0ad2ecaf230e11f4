using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// What the widget says before a chat: no agent online (the chat form, with an honest line), and a queue that hides
/// the widget while it is closed (no launcher at all).
/// </summary>
public sealed class AvailabilityInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    // Sunday 6 December 2026, 12:00 in Amsterdam: billing (office hours) is closed.
    private static readonly DateTimeOffset Sunday = new(2026, 12, 6, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task With_no_agent_online_the_widget_offers_the_chat_and_says_nobody_is_online()
    {
        await using var server = new ParleyServer();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 } });
        var customer = await context.NewPageAsync();

        await customer.GotoAsync("");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });

        await Expect(customer.Locator("[data-part=prechat-form]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=availability]")).ToContainTextAsync("No agent is online right now");
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-no-agents.png") });
    }

    [Fact]
    public async Task A_queue_that_hides_the_widget_while_closed_shows_no_launcher()
    {
        await using var server = new ParleyServer(time: new FakeTimeProvider(Sunday));
        using (var admin = server.CreateClient(await server.LoginAsync("admin")))
        {
            var billing = (await admin.GetFromJsonAsync<JsonObject>("api/v1/admin/queues/billing"))!;
            billing["closedPolicy"] = "hide";
            (await admin.PutAsJsonAsync("api/v1/admin/queues/billing", billing)).EnsureSuccessStatusCode();
        }

        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 } });
        var customer = await context.NewPageAsync();
        var asked = customer.WaitForResponseAsync(r => r.Url.EndsWith("/api/v1/queues/billing", StringComparison.Ordinal));
        await customer.GotoAsync("?queue=billing");
        await asked;

        await Expect(customer.Locator("[data-part=launcher]")).ToBeHiddenAsync(new() { Timeout = Patience });
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-hidden.png") });
    }
}
