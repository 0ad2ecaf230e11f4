using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// The workflow's agent inactivity as people see it: a customer's message unanswered for the queue's alert time puts a
/// "waiting" clock on the agent's chat tab with a banner, and the chat on the supervisors' board under "Waiting for a
/// reply"; the agent's reply takes both away. On the server's fake clock.
/// </summary>
public sealed class ReplyOverdueInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task An_unanswered_customer_shows_on_the_agents_tab_and_the_board_until_the_agent_replies()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = new ParleyServer(time: time);
        using (var admin = server.CreateClient(await server.LoginAsync("admin")))
        {
            var queue = (await admin.GetFromJsonAsync<JsonObject>("api/v1/admin/queues/support"))!;
            queue["workflow"] = new JsonObject { ["agentInactivity"] = new JsonObject { ["alertAfterSeconds"] = 10 } };
            (await admin.PutAsJsonAsync("api/v1/admin/queues/support", queue)).EnsureSuccessStatusCode();
        }

        await using var bobContext = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        await using var aliceContext = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var bob = await BrowserFixture.SignInAsync(bobContext, "bob");
        var errors = new List<string>();
        bob.PageError += (_, e) => errors.Add(e);
        await bob.ClickAsync("[data-part=presence-available]", new() { Timeout = Patience });
        await using var customer = await CustomerSession.StartAsync(server, "support", "Carla <i>Customer</i>", new() { ["topic"] = "An order" });
        await bob.ClickAsync("[data-part=offer-accept]", new() { Timeout = Patience });
        var tab = bob.Locator($"[data-part=tab][data-conversation-id='{customer.Id}']");
        await Expect(tab).ToBeVisibleAsync(new() { Timeout = Patience });
        var alice = await BrowserFixture.SignInAsync(aliceContext, "alice");
        alice.PageError += (_, e) => errors.Add(e);
        await alice.GotoAsync("admin");
        var board = alice.Locator("[data-part=overdue-replies]");
        await Expect(board.Locator("[data-part=overdue-empty]")).ToBeVisibleAsync(new() { Timeout = Patience });

        await customer.SendAsync("Hello? Is anyone there?");
        time.Advance(TimeSpan.FromSeconds(6));
        await Expect(bob.Locator("[data-part=message][data-sender=customer]")).ToContainTextAsync("Hello?", new() { Timeout = Patience });
        Assert.Equal(0, await tab.Locator("[data-part=reply-overdue]").CountAsync());
        time.Advance(TimeSpan.FromSeconds(6));

        await Expect(tab.Locator("[data-part=reply-overdue]")).ToContainTextAsync("waiting", new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=reply-overdue-banner]")).ToContainTextAsync("Carla <i>Customer</i> has waited since", new() { Timeout = Patience });
        var row = board.Locator($"[data-part=overdue-row][data-conversation='{customer.Id}']");
        await Expect(row).ToContainTextAsync("Carla <i>Customer</i>", new() { Timeout = Patience });
        await Expect(row).ToContainTextAsync("Bob Baker");
        Assert.Equal(0, await row.Locator("i").CountAsync());
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-reply-overdue.png") });
        await alice.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "board-reply-overdue.png"), FullPage = true });

        // A desk opened while the reply is overdue shows it at once.
        await bob.ReloadAsync();
        await Expect(tab.Locator("[data-part=reply-overdue]")).ToContainTextAsync("waiting", new() { Timeout = Patience });
        await bob.ClickAsync($"[data-part=tab][data-conversation-id='{customer.Id}']");

        await bob.FillAsync("[data-part=composer]", "Yes, I am here.");
        await bob.PressAsync("[data-part=composer]", "Enter");
        await Expect(bob.Locator("[data-part=message][data-sender=agent]")).ToContainTextAsync("Yes, I am here.", new() { Timeout = Patience });
        time.Advance(TimeSpan.FromSeconds(2));

        await Expect(tab.Locator("[data-part=reply-overdue]")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Expect(bob.Locator("[data-part=reply-overdue-banner]")).ToHaveCountAsync(0);
        await Expect(board.Locator("[data-part=overdue-empty]")).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.Empty(errors);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
