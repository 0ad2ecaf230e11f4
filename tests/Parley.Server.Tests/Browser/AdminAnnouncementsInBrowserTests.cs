using Microsoft.Playwright;
using Parley.Server.Admin;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>The admin page of announcements, as an admin schedules, fixes, changes and deletes one.</summary>
public sealed class AdminAnnouncementsInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task An_admin_schedules_an_announcement_fixing_its_end_sees_it_showing_changes_it_and_deletes_it()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await BrowserFixture.SignInAsync(context, "admin", patience: Patience);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        using var customer = Server.CreateClient();

        await page.ClickAsync("[data-part=nav-announcements]");
        await page.WaitForURLAsync("**/admin/announcements");
        await Expect(page.Locator("[data-part=announcement-list]")).ToContainTextAsync("No announcements", new() { Timeout = Patience });

        // Typed with markup, and an end before its start.
        await page.ClickAsync("[data-part=announcement-new]");
        var editor = page.Locator("[data-part=announcement-editor]");
        await Field(editor, "queue").SelectOptionAsync("support");
        await Field(editor, "text").FillAsync("<b>High volume</b> today — expect longer waits");
        await Field(editor, "endsAt").FillAsync("2020-01-01T00:00");
        await editor.Locator("[data-part=announcement-save]").ClickAsync();
        await Expect(editor.Locator("[data-part=field-error][data-field=endsAt]")).ToContainTextAsync("after the start", new() { Timeout = Patience });
        Assert.Empty(Service.List("support"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-announcement-invalid.png") });

        // Fixed: it ends in the far future, so it shows now, to customers too, as typed.
        await Field(editor, "endsAt").FillAsync("2999-01-01T00:00");
        await editor.Locator("[data-part=announcement-save]").ClickAsync();
        await Expect(page.Locator("[data-part=note]")).ToContainTextAsync("was created", new() { Timeout = Patience });
        var item = page.Locator("[data-part=announcement-item]");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item.Locator("[data-part=announcement-state]")).ToHaveTextAsync("showing now");
        await Expect(item.Locator("[data-part=announcement-text]")).ToHaveTextAsync("<b>High volume</b> today — expect longer waits");
        Assert.Equal(0, await page.Locator("[data-part=announcement-list] b").CountAsync());
        var saved = Assert.Single(Service.List("support"));
        Assert.Equal((AnnouncementState.Showing, new DateTimeOffset(2999, 1, 1, 0, 0, 0, TimeSpan.Zero)), (saved.State, saved.EndsAt));
        var shown = await Eventually.ThatAsync(() => QueueAnnouncementsTests.AnnouncementsAsync(customer, "support"), a => a.Count == 1, "the announcement on the customer side");
        Assert.Equal("<b>High volume</b> today — expect longer waits", shown[0].GetProperty("text").GetString());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-announcement-showing.png") });
        await page.SetViewportSizeAsync(820, 900);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-announcement-showing-narrow.png") });
        await page.SetViewportSizeAsync(1280, 900);

        // Moved to tomorrow's sales queue: scheduled, and gone from support's customers.
        await Field(editor, "queue").SelectOptionAsync("sales");
        await Field(editor, "startsAt").FillAsync("2998-12-31T09:00");
        await editor.Locator("[data-part=announcement-save]").ClickAsync();
        await Expect(page.Locator("[data-part=note]")).ToContainTextAsync("saved", new() { Timeout = Patience });
        await Expect(item.Locator("[data-part=announcement-state]")).ToHaveTextAsync("scheduled");
        await Expect(item.Locator("[data-part=announcement-queue]")).ToHaveTextAsync("sales");
        Assert.Equal(new DateTimeOffset(2998, 12, 31, 9, 0, 0, TimeSpan.Zero), Assert.Single(Service.List("sales")).StartsAt);
        await Eventually.ThatAsync(() => QueueAnnouncementsTests.AnnouncementsAsync(customer, "support"), a => a.Count == 0, "no announcement for support's customers");

        await editor.Locator("[data-part=announcement-delete]").ClickAsync();
        await page.ClickAsync("[data-part=announcement-delete-confirm-button]");
        await Expect(page.Locator("[data-part=note]")).ToContainTextAsync("was deleted", new() { Timeout = Patience });
        await Expect(item).ToHaveCountAsync(0);
        Assert.Empty(Service.List());
        Assert.Empty(errors);
    }

    private static ILocator Field(ILocator editor, string field) => editor.Locator($":is(input, select, textarea)[data-field='{field}']");

    private AnnouncementService Service => Server.Services.GetRequiredService<AnnouncementService>();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
