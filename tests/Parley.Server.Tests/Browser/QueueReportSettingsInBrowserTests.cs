using Microsoft.Playwright;
using Parley.Server.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>The queue editor's reporting settings (service level, target, short abandon), as an admin sets them.</summary>
public sealed class QueueReportSettingsInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task An_admin_sets_a_queues_service_level_after_fixing_a_target_above_1()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await BrowserFixture.SignInAsync(context, "admin", patience: Patience);
        await page.ClickAsync("[data-part=nav-queues]");
        await page.ClickAsync("[data-part=queue-item][data-queue=support]", new() { Timeout = Patience });
        var editor = page.Locator("[data-part=queue-editor]");
        await Assertions.Expect(Field(editor, "serviceLevelSeconds")).ToHaveValueAsync("20", new() { Timeout = Patience });
        await Assertions.Expect(Field(editor, "serviceLevelTarget")).ToHaveValueAsync("0.8");
        await Assertions.Expect(Field(editor, "shortAbandonSeconds")).ToHaveValueAsync("5");

        await Field(editor, "serviceLevelSeconds").FillAsync("30");
        await Field(editor, "serviceLevelTarget").FillAsync("1.5");
        await Field(editor, "shortAbandonSeconds").FillAsync("8");
        await editor.Locator("[data-part=queue-save]").ClickAsync();
        await Assertions.Expect(editor.Locator("[data-part=field-error][data-field=serviceLevelTarget]")).ToContainTextAsync("0 to 1", new() { Timeout = Patience });
        await Assertions.Expect(editor.Locator("[data-part=error-summary]")).ToContainTextAsync("Service level target");
        Assert.Equal(20, Service.GetQueue("support")!.ServiceLevelSeconds);

        await Field(editor, "serviceLevelTarget").FillAsync("0.9");
        await editor.Locator("[data-part=queue-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-part=note]")).ToContainTextAsync("Your changes were saved.", new() { Timeout = Patience });
        await page.EvaluateAsync("() => document.querySelector('[data-field=serviceLevelSeconds]').scrollIntoView({ block: 'center' })");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-queue-service-level.png") });

        var saved = Service.GetQueue("support")!;
        Assert.Equal((30, 0.9, 8), (saved.ServiceLevelSeconds, saved.ServiceLevelTarget, saved.ShortAbandonSeconds));
    }

    private static ILocator Field(ILocator editor, string field) => editor.Locator($":is(input, select, textarea)[data-field='{field}']");

    private AdminService Service => Server.Services.GetRequiredService<AdminService>();
}
