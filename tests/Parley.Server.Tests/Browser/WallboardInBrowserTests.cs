using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Parley.Routing;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>The wallboard on a 1920×1080 TV: opened by a read-only key link, closed by revoking it, every queue on one screen.</summary>
public sealed class WallboardInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task A_key_link_shows_twenty_queues_on_one_screen_with_todays_figures_and_revoking_the_key_closes_it()
    {
        await using var server = new ParleyServer();
        using var admin = await AdminAnnouncementApiTests.AdminClientAsync(server);
        for (var i = 1; i <= 17; i++) // the demo's three and these: twenty queues
        {
            await AdminAnnouncementApiTests.CreateQueueAsync(admin, $"queue-{i:00}");
        }

        await ReportScenario.SeedAsync(server, "support");
        // A queue without office hours: billing (the demo's office hours) refuses a start after 17:30 in Amsterdam.
        await server.StartConversationAsync(queue: "queue-01", name: "Wanda"); // waiting now (nobody is signed in)
        var key = await (await admin.PostAsJsonAsync("api/v1/admin/wallboard-keys", new { name = "Floor 2 TV" })).Content.ReadFromJsonAsync<JsonElement>();
        await using var tv = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1920, Height = 1080 } });
        var page = await tv.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync(key.GetProperty("link").GetString()!.TrimStart('/'));

        await Expect(page.Locator("[data-part=wallboard-queue]")).ToHaveCountAsync(20, new() { Timeout = Patience });
        var support = page.Locator("[data-part=wallboard-queue][data-queue=support]");
        // Service level today: 1 answered within 20 s ÷ (2 answered + 1 abandoned) = 33 %, far below the 80 % target: red.
        await Expect(support.Locator("[data-part=wallboard-sl-today]")).ToContainTextAsync("33 %", new() { Timeout = Patience });
        await Expect(support.Locator("[data-part=wallboard-sl-today]")).ToHaveAttributeAsync("data-colour", "Red");
        await Expect(support.Locator("[data-part=wallboard-abandoned]")).ToHaveTextAsync("1");
        await Expect(support.Locator("[data-part=wallboard-asa]")).ToHaveTextAsync("00:35"); // (10 + 60) ÷ 2
        await Expect(page.Locator("[data-part=wallboard-queue][data-queue=queue-01] [data-part=wallboard-waiting]")).ToHaveTextAsync("1", new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=wallboard-clock]")).ToBeVisibleAsync();
        // Agents by state, live: Alice (a member of support, sales and billing) goes Away.
        await using var alice = await server.ConnectAgentAsync("alice");
        await alice.Connection.InvokeAsync("SetPresenceWithReason", AgentPresence.Away, "Meeting");
        await Expect(support.Locator("[data-part=wallboard-queue-agents]")).ToContainTextAsync("1 away", new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=wallboard-agents] [data-status=away]")).ToContainTextAsync("1");
        var size = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight, innerWidth, innerHeight]");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "wallboard-1920x1080.png") });
        Assert.True(size[0] <= size[2] && size[1] <= size[3], $"The wallboard scrolls: {size[0]}×{size[1]} in a {size[2]}×{size[3]} window.");
        var lastRow = await page.Locator("[data-part=wallboard-queue]").Last.BoundingBoxAsync();
        Assert.True(lastRow!.Y + lastRow.Height <= 1080, $"The last queue ends at {lastRow.Y + lastRow.Height} px.");

        // Pushed live: a chat that starts now shows without a reload.
        await server.StartConversationAsync(queue: "sales", name: "Xavier");
        await Expect(page.Locator("[data-part=wallboard-queue][data-queue=sales] [data-part=wallboard-waiting]")).ToHaveTextAsync("1", new() { Timeout = Patience });

        // Revoked: the open wallboard closes within seconds, and the link opens nothing any more.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/v1/admin/wallboard-keys/{key.GetProperty("id").GetGuid()}")).StatusCode);
        await Expect(page.Locator("[data-part=wallboard-refused]")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(page.Locator("[data-part=wallboard-queue]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "wallboard-revoked.png") });
        await page.ReloadAsync();
        await Expect(page.Locator("[data-part=wallboard-refused]")).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Without_a_key_the_wallboard_is_refused_and_a_signed_in_supervisor_opens_it()
    {
        await using var server = new ParleyServer();
        await using var anonymous = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1920, Height = 1080 } });
        var stranger = await anonymous.NewPageAsync();
        await stranger.GotoAsync("wallboard?key=guessed-key");
        await Expect(stranger.Locator("[data-part=wallboard-refused]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(stranger.Locator("[data-part=wallboard-queue]")).ToHaveCountAsync(0);

        await using var signedIn = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1920, Height = 1080 } });
        var supervisor = await BrowserFixture.SignInAsync(signedIn, "alice", patience: Patience);
        await supervisor.GotoAsync("wallboard");
        await Expect(supervisor.Locator("[data-part=wallboard-queue]")).ToHaveCountAsync(3, new() { Timeout = Patience });

        await using var agentContext = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString() });
        var agent = await BrowserFixture.SignInAsync(agentContext, "bob", patience: Patience);
        await agent.GotoAsync("wallboard");
        await Expect(agent.Locator("[data-part=wallboard-refused]")).ToBeVisibleAsync(new() { Timeout = Patience });
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
