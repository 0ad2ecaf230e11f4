using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Server.Tests.Browser;

/// <summary>An open admin or supervisor page loses its rights the moment the account loses them.</summary>
public sealed class SessionInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task An_open_admin_page_of_a_deleted_admin_shows_the_sign_in_notice_at_once_and_can_no_longer_create_an_account()
    {
        await CreateAgentAsync("second-admin", "admin");
        await using var context = await NewContextAsync();
        var page = await BrowserFixture.SignInAsync(context, "second-admin");
        await page.GotoAsync("admin/agents");
        await Expect(page.Locator("[data-part=agent-new]")).ToBeVisibleAsync(new() { Timeout = Patience });

        await AdminAsync(admin => admin.DeleteAsync("api/v1/admin/agents/second-admin"));

        await Expect(page.GetByText("You need to sign in to open this page.")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=agent-new]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "session-ended-admin.png") });
    }

    [Fact]
    public async Task An_open_live_board_of_a_demoted_supervisor_loses_force_assign_at_once()
    {
        await CreateAgentAsync("second-supervisor", "supervisor");
        await using var context = await NewContextAsync();
        var page = await BrowserFixture.SignInAsync(context, "second-supervisor");
        await page.GotoAsync("admin");
        await Expect(page.Locator("[data-part=stat-waiting]")).ToBeVisibleAsync(new() { Timeout = Patience });

        await AdminAsync(admin => admin.PutAsJsonAsync("api/v1/admin/agents/second-supervisor", new { displayName = "second-supervisor", roles = new[] { "agent" }, queues = new[] { "support" } }));

        await Expect(page.GetByText("You need to sign in to open this page.")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=stat-waiting]")).ToHaveCountAsync(0);
    }

    private Task<IBrowserContext> NewContextAsync() =>
        browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });

    private async Task CreateAgentAsync(string username, string role)
    {
        var response = await AdminAsync(admin => admin.PutAsJsonAsync($"api/v1/admin/agents/{username}",
            new { displayName = username, password = ParleyClient.AgentPassword, roles = new[] { role }, queues = new[] { "support" } }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<HttpResponseMessage> AdminAsync(Func<HttpClient, Task<HttpResponseMessage>> call)
    {
        using var admin = Server.CreateClient(await Server.LoginAsync("admin"));
        return await call(admin);
    }
}
