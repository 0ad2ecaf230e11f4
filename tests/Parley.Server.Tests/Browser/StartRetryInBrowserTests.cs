using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// A new customer meets a core outage: the widget says calmly that it keeps trying, retries the start by itself
/// (the edge answers 503 with Retry-After through a test double of its transport), and starts the chat when the core answers.
/// </summary>
public sealed class StartRetryInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Patience = 20_000;

    [Fact]
    public async Task During_an_outage_the_widget_shows_it_keeps_trying_and_starts_the_chat_by_itself_when_the_core_answers()
    {
        await using var server = Server(retryAfter: "00:00:01");
        var outage = CoreOutage.Of(server);
        // The first attempt reaches the core, whose answer is lost; the next ones do not reach it at all.
        outage.AnswersLost = true;
        outage.Refuse(1);
        var page = await OpenFormAsync(server, "Retry Rita");

        await page.ClickAsync("[data-part=prechat-submit]");
        var retrying = page.Locator("[data-part=start-retry]");
        await Assertions.Expect(retrying).ToContainTextAsync("Connecting you", new() { Timeout = Patience });
        outage.AnswersLost = false;
        outage.Refuse(2);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-start-retrying.png"), Animations = ScreenshotAnimations.Disabled });

        // No click: the widget tries again after each Retry-After until the core answers, then the chat is there.
        await Assertions.Expect(page.Locator("[data-part=composer]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(retrying).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-part=status]")).ToContainTextAsync("Waiting for an agent");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-start-retried.png"), Animations = ScreenshotAnimations.Disabled });
        Assert.Equal(3, outage.Refused);
        Assert.Single(await ConversationsOfAsync(server, "Retry Rita"));
    }

    [Fact]
    public async Task Opened_during_an_outage_the_widget_keeps_trying_and_shows_the_form_by_itself_when_the_core_answers()
    {
        await using var server = Server(retryAfter: "00:00:01");
        var outage = CoreOutage.Of(server);
        outage.Refusing = typeof(GetQueueInfo);
        outage.Refuse(2);
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("");

        await page.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        var retrying = page.Locator("[data-part=start-retry]");
        await Assertions.Expect(retrying).ToContainTextAsync("open the chat as soon as we can", new() { Timeout = Patience });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-open-retrying.png"), Animations = ScreenshotAnimations.Disabled });

        await Assertions.Expect(page.Locator("[data-part=prechat-name]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(retrying).ToHaveCountAsync(0);
        Assert.Equal(2, outage.Refused);
        // Never the old dead end.
        await Assertions.Expect(page.GetByText("Chat isn't available right now")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Try_now_starts_at_once_and_closing_the_widget_stops_trying_but_keeps_the_answers()
    {
        // A Retry-After far beyond the test's patience: any attempt within it is one the customer asked for.
        await using var server = Server(retryAfter: "00:05:00");
        var outage = CoreOutage.Of(server);
        outage.Refuse(1_000);
        var page = await OpenFormAsync(server, "Patient Pat");

        await page.ClickAsync("[data-part=prechat-submit]");
        var retrying = page.Locator("[data-part=start-retry]");
        await Assertions.Expect(retrying).ToBeVisibleAsync(new() { Timeout = Patience });
        await page.ClickAsync("[data-part=start-retry-now]");
        await Eventually.ThatAsync(() => outage.Refused, n => n == 2, "the second attempt, asked for with Try now");
        await Assertions.Expect(retrying).ToContainTextAsync("Connecting you", new() { Timeout = Patience });

        // Closed, the widget stops; opened again, the form holds what the customer typed.
        await page.GetByRole(AriaRole.Button, new() { Name = "Minimize chat" }).ClickAsync();
        await page.ClickAsync("[data-part=launcher]");
        await Assertions.Expect(page.Locator("[data-part=prechat-name]")).ToHaveValueAsync("Patient Pat", new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-part=prechat-question][data-question-id=topic]")).ToHaveValueAsync("An order");

        outage.Refuse(0);
        await page.ClickAsync("[data-part=prechat-submit]");
        await Assertions.Expect(page.Locator("[data-part=composer]")).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.Equal(2, outage.Refused);
        Assert.Single(await ConversationsOfAsync(server, "Patient Pat"));
    }

    private static ParleyServer Server(string retryAfter) =>
        new(settings: new Dictionary<string, string?> { ["Parley:Customers:UnavailableRetryAfter"] = retryAfter }, configure: CoreOutage.Install);

    private async Task<IPage> OpenFormAsync(ParleyServer server, string name)
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("");
        await page.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await page.FillAsync("[data-part=prechat-name]", name, new() { Timeout = Patience });
        await page.Locator("[data-part=prechat-question][data-question-id=topic]").SelectOptionAsync("An order");
        return page;
    }

    private static async Task<List<Guid>> ConversationsOfAsync(ParleyServer server, string customerName)
    {
        await using var context = await server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync();
        return await context.Conversations.Where(c => c.CustomerName == customerName).Select(c => c.Id).ToListAsync();
    }
}
