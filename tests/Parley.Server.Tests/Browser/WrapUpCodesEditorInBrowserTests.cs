using Microsoft.Playwright;
using Parley.Server.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>The queue page's wrap-up codes: add codes with labels, require one, save; a bad code is refused naming its field.</summary>
public sealed class WrapUpCodesEditorInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task An_admin_adds_wrap_up_codes_requires_one_and_a_bad_code_is_refused_naming_its_field()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await BrowserFixture.SignInAsync(context, "admin", patience: Patience);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync("admin/queues");
        await page.ClickAsync("[data-part=queue-item][data-queue=support]", new() { Timeout = Patience });
        var editor = page.Locator("[data-part=queue-editor]");
        var codes = editor.Locator("[data-part=queue-wrap-up-codes]");

        await codes.Locator("[data-part=wrap-up-code-add]").ClickAsync();
        await codes.Locator("[data-part=wrap-up-code-add]").ClickAsync();
        await Field(codes, "wrapUpCodes[0].code").FillAsync("resolved");
        await Field(codes, "wrapUpCodes[0].label").FillAsync("Resolved <b>fully</b>");
        await Field(codes, "wrapUpCodes[1].code").FillAsync("Not A Code");
        await Field(codes, "wrapUpCodes[1].label").FillAsync("Refund given");
        await Field(codes, "wrapUpCodeRequired").CheckAsync();
        await editor.Locator("[data-part=queue-save]").ClickAsync();
        await Expect(codes.Locator("[data-part=field-error][data-field='wrapUpCodes[1].code']")).ToContainTextAsync("lower-case", new() { Timeout = Patience });

        await Field(codes, "wrapUpCodes[1].code").FillAsync("refund");
        await editor.Locator("[data-part=queue-save]").ClickAsync();
        await Expect(page.Locator("[data-part=note]")).ToContainTextAsync("saved", new() { Timeout = Patience });
        await codes.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-queue-wrap-up-codes.png") });

        var saved = Server.Services.GetRequiredService<AdminService>().GetQueue("support")!;
        Assert.Equal([("resolved", "Resolved <b>fully</b>"), ("refund", "Refund given")], saved.WrapUpCodes.Select(c => (c.Code, c.Label)));
        Assert.True(saved.WrapUpCodeRequired);
        Assert.Empty(errors);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static ILocator Field(ILocator scope, string field) => scope.Locator($":is(input, select, textarea)[data-field='{field}']");
}
