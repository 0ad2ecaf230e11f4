using System.Net.Http.Json;
using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>The admin page <c>/admin/audit</c>: who changed what, field by field, as text; filtered and exported.</summary>
public sealed class AuditInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task An_admin_reads_who_changed_which_fields_filters_by_subject_and_exports_the_log()
    {
        await using var server = new ParleyServer();
        using var api = server.CreateClient(await server.LoginAsync("admin"));
        (await api.PutAsJsonAsync("api/v1/admin/queues/audited", new { displayName = "Audited", offerTimeoutSeconds = 20 })).EnsureSuccessStatusCode();
        (await api.PutAsJsonAsync("api/v1/admin/queues/audited", new { displayName = "Audited <img src=x onerror=alert(1)>", offerTimeoutSeconds = 45 })).EnsureSuccessStatusCode();
        (await api.PutAsJsonAsync("api/v1/admin/agents/new-hire", new { displayName = "New Hire", password = "new-hire-password", roles = new[] { "agent" } })).EnsureSuccessStatusCode();

        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await BrowserFixture.SignInAsync(context, "admin");
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Dialog += (_, dialog) => errors.Add($"dialog: {dialog.Message}");
        await page.ClickAsync("[data-part=nav-audit]");
        await page.WaitForURLAsync("**/admin/audit");

        var rows = page.Locator("[data-part=audit-row]");
        await Expect(rows).ToHaveCountAsync(3, new() { Timeout = Patience });
        await Expect(rows.Nth(0).Locator("[data-part=audit-row-action]")).ToHaveTextAsync("agent.created");
        var changed = page.Locator("[data-part=audit-row][data-action='queue.changed']");
        await Expect(changed.Locator("[data-part=audit-row-actor]")).ToHaveTextAsync("admin");
        await Expect(changed.Locator("[data-part=audit-field]")).ToHaveCountAsync(2);
        await Expect(changed.Locator("[data-part=audit-field]").Nth(0)).ToContainTextAsync("displayName: Audited → Audited <img src=x onerror=alert(1)>");
        await Expect(changed.Locator("[data-part=audit-field]").Nth(1)).ToContainTextAsync("offerTimeoutSeconds: 20 → 45");
        Assert.Equal(0, await page.Locator("[data-part=audit-row] img").CountAsync());
        // An admin's many section links fit the bar (or scroll inside it): the page itself is never wider than the window.
        Assert.True(await FitsAsync(page), "the page is wider than the window");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-audit.png"), FullPage = true });

        await page.FillAsync("[data-part=audit-subject]", "queue:audited");
        await page.ClickAsync("[data-part=audit-apply]");
        await Expect(rows).ToHaveCountAsync(2, new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=audit-total]")).ToHaveTextAsync("2 entries");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-part=audit-export-csv]"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Equal("audit.csv", download.SuggestedFilename);
        Assert.Equal(3, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("new-hire", csv, StringComparison.Ordinal);
        await page.SetViewportSizeAsync(820, 800);
        Assert.True(await FitsAsync(page), "the page is wider than the narrow window");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-audit-narrow.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_supervisor_who_is_not_an_admin_gets_neither_the_link_nor_the_page()
    {
        await using var server = new ParleyServer();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString() });
        var page = await BrowserFixture.SignInAsync(context, "alice");
        await Expect(page.Locator(".topnav")).ToContainTextAsync("Admin");
        await Expect(page.Locator("[data-part=nav-audit]")).ToHaveCountAsync(0);

        await page.GotoAsync("admin/audit");
        await page.WaitForURLAsync("**/agent/login**", new() { Timeout = Patience });
        await Expect(page.Locator(".notice")).ToContainTextAsync("cannot open this page");
        Assert.Equal(0, await page.Locator("[data-part=audit-row]").CountAsync());
    }

    private static Task<bool> FitsAsync(IPage page) => page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
