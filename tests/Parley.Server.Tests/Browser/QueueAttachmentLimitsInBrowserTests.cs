using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.Server.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>The queue editor sets the queue's own attachment limits (largest file, file types), with a wrong size refused at the field.</summary>
public sealed class QueueAttachmentLimitsInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task An_admin_limits_a_queues_files_fixing_a_size_the_field_refuses()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await BrowserFixture.SignInAsync(context, "admin", patience: Patience);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync("admin/queues");
        await page.ClickAsync("[data-part=queue-item][data-queue=support]", new() { Timeout = Patience });
        var section = page.Locator("[data-part=queue-editor] [data-part=queue-attachments]");
        var size = section.Locator("input[data-field=attachmentMaxBytes]");
        await Expect(size).ToHaveValueAsync("", new() { Timeout = Patience });

        // Nothing is no limit of its own: a size of 0 is refused at the field, and nothing is saved.
        await size.FillAsync("0");
        await section.Locator("[data-type='image/png']").CheckAsync();
        await page.ClickAsync("[data-part=queue-save]");
        var sizeError = page.Locator("[data-part=field-error][data-field=attachmentMaxBytes]");
        await Expect(sizeError).ToContainTextAsync("at most 64 MB", new() { Timeout = Patience });
        await Expect(size).ToHaveClassAsync(new Regex(@"\binvalid\b"));
        await Expect(page.Locator("[data-part=error-summary]")).ToContainTextAsync("Largest file");
        Assert.Null(Service.GetQueue("support")!.AttachmentMaxBytes);
        await section.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-queue-files-error.png") });

        // Fixed: half a megabyte, PNG and PDF only.
        await size.FillAsync("512");
        await section.Locator("[data-type='application/pdf']").CheckAsync();
        await page.ClickAsync("[data-part=queue-save]");
        await Expect(page.Locator("[data-part=note]")).ToContainTextAsync("saved", new() { Timeout = Patience });
        await Expect(sizeError).ToHaveCountAsync(0);
        var saved = Service.GetQueue("support")!;
        Assert.Equal(512 * 1024, saved.AttachmentMaxBytes);
        Assert.Equal(["image/png", "application/pdf"], saved.AttachmentTypes);

        // Opened again, the editor shows what is stored.
        await page.ReloadAsync();
        await page.ClickAsync("[data-part=queue-item][data-queue=support]", new() { Timeout = Patience });
        await Expect(size).ToHaveValueAsync("512", new() { Timeout = Patience });
        await Expect(section.Locator("[data-type='application/pdf']")).ToBeCheckedAsync();
        await Expect(section.Locator("[data-type='text/plain']")).Not.ToBeCheckedAsync();
        await section.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-queue-files.png") });
        Assert.Empty(errors);
    }

    private AdminService Service => Server.Services.GetRequiredService<AdminService>();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
