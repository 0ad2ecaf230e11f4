using Microsoft.Playwright;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// The agent sends a file without the file picker: an image pasted into the composer (a screenshot from the clipboard)
/// and a file dropped on it both reach the customer's widget.
/// </summary>
public sealed class DeskPasteAndDropInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    // A File made in the page from the test's bytes, handed over as a paste or a drop the way a browser does it.
    private const string Paste = """
        (composer, [base64, name, type]) => {
          const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
          const data = new DataTransfer();
          data.items.add(new File([bytes], name, { type }));
          const event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
          composer.dispatchEvent(event);
          return event.defaultPrevented;
        }
        """;

    private const string Drop = """
        (composer, [base64, name, type]) => {
          const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
          const data = new DataTransfer();
          data.items.add(new File([bytes], name, { type }));
          const over = new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true });
          composer.dispatchEvent(over);
          const drop = new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true });
          composer.dispatchEvent(drop);
          return over.defaultPrevented && drop.defaultPrevented;
        }
        """;

    [Fact]
    public async Task An_image_pasted_into_the_composer_reaches_the_customer_as_a_preview()
    {
        await using var customerContext = await NewContextAsync();
        await using var agentContext = await NewContextAsync();
        var (agent, customer, errors) = await ChatAsync(agentContext, customerContext);

        var handled = await agent.Locator("[data-part=composer]").EvaluateAsync<bool>(Paste, File(SampleFiles.Png(), "image.png", "image/png"));

        Assert.True(handled, "the desk took the pasted file (and kept it out of the text)");
        var preview = customer.Locator("[data-part=message][data-sender=agent] [data-part=attachment] img");
        await Expect(preview).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(preview).ToHaveJSPropertyAsync("complete", true, new() { Timeout = Patience });
        Assert.True(await preview.EvaluateAsync<int>("img => img.naturalWidth") > 0);
        await Expect(agent.Locator("[data-part=message][data-sender=agent] [data-part=attachment-preview]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(agent.Locator("[data-part=composer]")).ToHaveValueAsync("");
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-pasted-image.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_file_dropped_on_the_composer_reaches_the_customer_who_downloads_it()
    {
        await using var customerContext = await NewContextAsync();
        await using var agentContext = await NewContextAsync();
        var (agent, customer, errors) = await ChatAsync(agentContext, customerContext);

        var handled = await agent.Locator("[data-part=composer]").EvaluateAsync<bool>(Drop, File(SampleFiles.Pdf(), "Returns form.pdf", "application/pdf"));

        Assert.True(handled, "the desk took the dropped file (and the browser did not open it)");
        var link = customer.Locator("[data-part=message][data-sender=agent] [data-part=attachment]");
        await Expect(link).ToContainTextAsync("Returns form.pdf", new() { Timeout = Patience });
        await Expect(agent.Locator("[data-part=message][data-sender=agent] [data-part=attachment]")).ToContainTextAsync("Returns form.pdf", new() { Timeout = Patience });
        var download = await customer.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal(SampleFiles.Pdf(), await System.IO.File.ReadAllBytesAsync(await download.PathAsync()));
        await agent.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desk-dropped-file.png") });
        Assert.Empty(errors);
    }

    /// <summary>The argument of <see cref="Paste"/> and <see cref="Drop"/> after the element: the file's bytes, name and type.</summary>
    private static object[] File(byte[] content, string name, string type) => [Convert.ToBase64String(content), name, type];

    private Task<IBrowserContext> NewContextAsync() =>
        browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });

    private static async Task<(IPage Agent, IPage Customer, List<string> Errors)> ChatAsync(IBrowserContext agentContext, IBrowserContext customerContext)
    {
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
        await Expect(agent.Locator("[data-part=attach-input]")).ToBeEnabledAsync(new() { Timeout = Patience });
        return (agent, customer, errors);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
