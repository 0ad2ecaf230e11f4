using Microsoft.Playwright;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>Files both ways: the customer sends a photo from the widget and the agent sees its preview; the agent sends a PDF that the customer downloads; a disguised executable is refused with a clear message.</summary>
public sealed class AttachmentsInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task A_photo_from_the_widget_shows_its_preview_in_the_desk_and_the_agents_pdf_downloads_in_the_widget()
    {
        await using var customerContext = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        await using var agentContext = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var agent = await BrowserFixture.SignInAsync(agentContext, "alice");
        var customer = await customerContext.NewPageAsync();
        var errors = new List<string>();
        customer.PageError += (_, e) => errors.Add("customer: " + e);
        agent.PageError += (_, e) => errors.Add("agent: " + e);
        await agent.ClickAsync("[data-part=presence-available]", new() { Timeout = Patience });

        await customer.GotoAsync("");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=prechat-name]", "Ann");
        await customer.Locator("[data-part=prechat-question][data-question-id=topic]").SelectOptionAsync("An order");
        await customer.ClickAsync("[data-part=prechat-submit]");
        await agent.ClickAsync("[data-part=offer-accept]", new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=status]")).ToContainTextAsync("Alice Adams", new() { Timeout = Patience });

        // A disguised executable is refused, and the customer is told why.
        await customer.Locator("[data-part=attach-input]").SetInputFilesAsync(new FilePayload { Name = "photo.png", MimeType = "image/png", Buffer = SampleFiles.Executable() });
        await Expect(customer.Locator("#parley-composer-hint")).ToContainTextAsync("can't be sent here", new() { Timeout = Patience });

        // The customer's photo reaches the agent as a preview.
        await customer.Locator("[data-part=attach-input]").SetInputFilesAsync(new FilePayload { Name = "damaged-parcel.jpg", MimeType = "image/jpeg", Buffer = SampleFiles.JpegWithExif() });
        var preview = agent.Locator("[data-part=message][data-sender=customer] [data-part=attachment-preview]");
        await Expect(preview).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=message][data-sender=customer] [data-part=attachment] img")).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.True(await preview.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0") > 0 || await Loaded(preview));

        // The agent sends a PDF from the desk; the customer downloads it.
        await agent.Locator("[data-part=attach-input]").SetInputFilesAsync(new FilePayload { Name = "Invoice 4711.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Pdf() });
        var link = customer.Locator("[data-part=message][data-sender=agent] [data-part=attachment]");
        await Expect(link).ToContainTextAsync("Invoice 4711.pdf", new() { Timeout = Patience });
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-attachments.png") });
        await agent.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desk-attachments.png") });
        var download = await customer.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = await download.PathAsync();

        Assert.Equal("Invoice 4711.pdf", download.SuggestedFilename);
        Assert.Equal(SampleFiles.Pdf(), await File.ReadAllBytesAsync(path));
        Assert.Empty(errors);
    }

    private static async Task<bool> Loaded(ILocator image)
    {
        await Assertions.Expect(image).ToHaveJSPropertyAsync("complete", true, new() { Timeout = Patience });
        return await image.EvaluateAsync<int>("img => img.naturalWidth") > 0;
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
