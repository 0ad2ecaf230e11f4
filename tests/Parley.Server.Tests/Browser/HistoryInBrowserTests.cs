using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// The desk's History page: an agent searches for a word of a chat they closed earlier, finds it among the results with
/// its line, opens its transcript read-only (markup stays text) and has its export links.
/// </summary>
public sealed class HistoryInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task An_agent_searches_finds_an_old_conversation_and_opens_its_transcript()
    {
        await using (var bob = await Server.ConnectAgentAsync("bob"))
        {
            await bob.GoAvailableAsync();
            await using var ann = await CustomerSession.StartAsync(Server);
            await bob.AcceptAsync(ann.Id);
            await ann.SendAsync("The zeppelin kit arrived without its <b>gondola</b>");
            await bob.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "I will send the gondola today.");
            await bob.Connection.InvokeAsync("Close", ann.Id);
            await using var carl = await CustomerSession.StartAsync(Server, name: "Carl");
            await bob.AcceptAsync(carl.Id);
            await carl.SendAsync("Where is my invoice?");
        }

        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var errors = new List<string>();
        var page = await BrowserFixture.SignInAsync(context, "bob");
        page.PageError += (_, e) => errors.Add(e);
        await page.ClickAsync("[data-part=history-link]", new() { Timeout = Patience });
        var items = page.Locator("[data-part=history-item]");
        await Expect(items).ToHaveCountAsync(2, new() { Timeout = Patience });

        await page.FillAsync("[data-part=history-q]", "zeppelin");
        await page.ClickAsync("[data-part=history-search]");
        await Expect(items).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Expect(items.First).ToContainTextAsync("Ann");
        await Expect(items.First.Locator("[data-part=history-snippet]")).ToContainTextAsync("zeppelin kit arrived without its <b>gondola</b>");
        await items.First.Locator("[data-part=history-open]").ClickAsync();

        var transcript = page.Locator("[data-part=history-transcript]");
        await Expect(transcript.Locator("[data-part=history-message][data-sender=agent]")).ToContainTextAsync("I will send the gondola today.", new() { Timeout = Patience });
        await Expect(transcript.Locator("[data-part=history-message][data-sender=customer]")).ToContainTextAsync("<b>gondola</b>");
        Assert.Equal(0, await transcript.Locator("b").CountAsync());
        Assert.Equal(0, await page.Locator("[data-part=composer]").CountAsync()); // read-only: nothing to type into
        await Expect(transcript.Locator("[data-part=history-export-html]")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("transcript\\?format=html$"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "history-search.png") });

        // A bad filter is said in words, not thrown.
        await page.FillAsync("[data-part=history-agent]", "nobody");
        await page.ClickAsync("[data-part=history-search]");
        await Expect(page.Locator("[data-part=history-errors]")).ToContainTextAsync("There is no agent named 'nobody'.", new() { Timeout = Patience });
        Assert.Empty(errors);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
