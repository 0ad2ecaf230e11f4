using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.Server.Tests.Conversations;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>The report pages: a filter, a chart and a table drawn from the report API, and figures that open their conversations.</summary>
public sealed partial class ReportsInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task A_supervisor_filters_the_queue_report_sees_its_chart_and_a_figure_opens_the_conversations_behind_it()
    {
        await using var server = new ParleyServer();
        var scenario = await ReportScenario.SeedAsync(server, "support");
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1440, Height = 1000 } });
        var page = await BrowserFixture.SignInAsync(context, "alice", patience: Patience);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        var day = scenario.Start.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await page.GotoAsync($"admin/reports?from={day}&to={day}&interval=1d&timeZone=UTC");
        var host = page.Locator("[data-part=report-host]");
        await Expect(host).ToHaveAttributeAsync("data-chart", "drawn", new() { Timeout = Patience });

        // The filter: one queue, by hour. The address keeps it; the chart and the table are drawn again.
        await page.Locator("[data-part=filter-queues]").SelectOptionAsync(["support"]);
        await page.Locator("[data-part=filter-interval]").SelectOptionAsync(["1h"]);
        await page.ClickAsync("[data-part=filter-apply]");
        await Assertions.Expect(page).ToHaveURLAsync(UrlWith("interval=1h"), new() { Timeout = Patience });
        Assert.Contains("queue=support", page.Url, StringComparison.Ordinal);
        var row = page.Locator("[data-part=report-row]").First;
        await Expect(host).ToHaveAttributeAsync("data-rows", "1", new() { Timeout = Patience });
        await Expect(host).ToHaveAttributeAsync("data-chart", "drawn");
        await Expect(page.Locator("[data-part=report-chart] canvas")).ToBeVisibleAsync();
        await Expect(row.Locator("td[data-column=queue]")).ToHaveTextAsync("support");
        await Expect(row.Locator("td[data-column=answered]")).ToHaveTextAsync("2");
        await Expect(row.Locator("td[data-column=serviceLevel]")).ToHaveTextAsync("33.3 %");
        await Expect(page.Locator("[data-part=download-csv]")).ToHaveAttributeAsync("href", new Regex("format=csv"));
        await Expect(page.Locator("[data-part=download-xlsx]")).ToHaveAttributeAsync("href", new Regex("format=xlsx"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "reports-queues.png"), FullPage = true });

        // The abandoned figure opens the one abandoned conversation of that hour.
        await row.Locator("td[data-column=abandoned] a[data-part=drill]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(UrlWith("outcome=abandoned"), new() { Timeout = Patience });
        Assert.Contains("admin/reports/conversations", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("[data-part=report-output]")).ToHaveAttributeAsync("data-view", "conversations");
        await Expect(host).ToHaveAttributeAsync("data-rows", "1", new() { Timeout = Patience });
        var conversation = page.Locator("[data-part=report-row]");
        await Expect(conversation.Locator("td[data-column=id]")).ToHaveTextAsync(scenario.Abandoned.ToString());
        await Expect(conversation.Locator("td[data-column=outcome]")).ToHaveTextAsync("abandoned");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "reports-drill-down.png"), FullPage = true });

        // A click on the chart's bar (its answered part, the lower two thirds) opens both answered chats of the day.
        await page.GotoAsync($"admin/reports?from={day}&to={day}&interval=1d&queue=support");
        await Expect(host).ToHaveAttributeAsync("data-chart", "drawn", new() { Timeout = Patience });
        var canvas = page.Locator("[data-part=report-chart] canvas");
        var box = (await canvas.BoundingBoxAsync())!;
        await canvas.ClickAsync(new() { Position = new() { X = box.Width / 2, Y = box.Height * 0.75f } });
        await Assertions.Expect(page).ToHaveURLAsync(UrlWith("outcome=answered"), new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=report-output]")).ToHaveAttributeAsync("data-view", "conversations", new() { Timeout = Patience });
        await Expect(host).ToHaveAttributeAsync("data-rows", "2", new() { Timeout = Patience });

        // The agents' view: a chart of time in each state per agent; Bob's chats handled open his conversation.
        // A queue chosen on another view stays in the address but does not narrow the agents (the API refuses it).
        await page.GotoAsync($"admin/reports/agents?from={day}&to={day}&interval=1d&queue=support");
        await Expect(page.Locator("[data-part=report-output]")).ToHaveAttributeAsync("data-view", "agents", new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=queues-not-applied]")).ToBeVisibleAsync();
        await Expect(host).ToHaveAttributeAsync("data-chart", "drawn", new() { Timeout = Patience });
        var bob = page.Locator("[data-part=report-row]", new() { Has = page.Locator("td[data-column=displayName]", new() { HasText = "Bob" }) });
        await Expect(bob.Locator("td[data-column=chatsHandled]")).ToHaveTextAsync("1", new() { Timeout = Patience });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "reports-agents.png"), FullPage = true });
        await bob.Locator("td[data-column=chatsHandled] a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(UrlWith("agent=bob"), new() { Timeout = Patience });
        await Expect(host).ToHaveAttributeAsync("data-rows", "1", new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=report-row] td[data-column=id]")).ToHaveTextAsync(scenario.AnsweredQuickly.ToString());

        // A filter the API refuses (more than 367 days) says why instead of drawing.
        await page.GotoAsync("admin/reports?from=2024-01-01&to=2026-12-01");
        await Expect(page.Locator("[data-part=report-status]")).ToContainTextAsync("367 days", new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=report-table]")).ToHaveCountAsync(0);
        Assert.DoesNotContain(errors, e => !e.Contains("400", StringComparison.Ordinal)); // the browser logs the refused fetch
    }

    [Fact]
    public async Task A_long_table_turns_its_pages_and_the_download_has_every_row()
    {
        await using var server = new ParleyServer(settings: new Dictionary<string, string?> { ["Parley:Reporting:PageRows"] = "2" });
        var scenario = await ReportScenario.SeedAsync(server, "support");
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1440, Height = 1000 } });
        var page = await BrowserFixture.SignInAsync(context, "alice", patience: Patience);
        var day = scenario.Start.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await page.GotoAsync($"admin/reports/conversations?from={day}&to={day}&interval=1d&timeZone=UTC");
        var host = page.Locator("[data-part=report-host]");
        await Expect(host).ToHaveAttributeAsync("data-rows", "3", new() { Timeout = Patience });
        var ids = page.Locator("[data-part=report-row] td[data-column=id]");
        await Expect(ids).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-part=report-page]")).ToHaveTextAsync("Rows 1–2 of 3");
        await Expect(page.Locator("[data-part=report-page-previous]")).ToBeDisabledAsync();
        var firstPage = await ids.AllTextContentsAsync();

        await page.Locator("[data-part=report-page-next]").ClickAsync();
        await Expect(page.Locator("[data-part=report-page]")).ToHaveTextAsync("Rows 3–3 of 3");
        await Expect(ids).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-part=report-page-next]")).ToBeDisabledAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "reports-conversations-page-2.png"), FullPage = true });
        var secondPage = await ids.AllTextContentsAsync();
        await page.Locator("[data-part=report-page-previous]").ClickAsync();
        await Expect(ids).ToHaveCountAsync(2);

        // The three chats, each on exactly one page, in the report's order.
        Assert.Equal([scenario.AnsweredQuickly.ToString(), scenario.Abandoned.ToString(), scenario.AnsweredLate.ToString()], [.. firstPage, .. secondPage]);
    }

    [Fact]
    public async Task The_conversations_narrow_to_a_wrap_up_code_and_a_tag_kept_in_the_address_and_markup_stays_text()
    {
        await using var server = new ParleyServer();
        await NotesSpecification.SetWrapUpCodesAsync(server, "support", required: false);
        var scenario = await ReportScenario.SeedAsync(server, "support");
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1440, Height = 1000 } });
        var page = await BrowserFixture.SignInAsync(context, "alice", patience: Patience);
        var day = scenario.Start.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var host = page.Locator("[data-part=report-host]");
        var ids = page.Locator("[data-part=report-row] td[data-column=id]");

        await page.GotoAsync($"admin/reports/conversations?from={day}&to={day}&interval=1d&timeZone=UTC");
        await Expect(host).ToHaveAttributeAsync("data-rows", "3", new() { Timeout = Patience });
        // The queue's codes to choose from, the label as typed (markup shown as text).
        await Expect(page.Locator("[data-part=filter-wrap-up-code] option[value=refund]")).ToHaveTextAsync("Refund <given> (refund)");

        // A wrap-up code: Bob's one chat. The address keeps it, the download asks for the same.
        await page.Locator("[data-part=filter-wrap-up-code]").SelectOptionAsync(["refund"]);
        await page.ClickAsync("[data-part=filter-apply]");
        await Assertions.Expect(page).ToHaveURLAsync(UrlWith("wrapUpCode=refund"), new() { Timeout = Patience });
        await Expect(host).ToHaveAttributeAsync("data-rows", "1", new() { Timeout = Patience });
        await Expect(ids).ToHaveTextAsync(scenario.AnsweredQuickly.ToString());
        await Expect(page.Locator("[data-part=download-csv]")).ToHaveAttributeAsync("href", UrlWith("wrapUpCode=refund"));

        // A tag, typed as an agent would (trimmed, any case), then without the code: both answered chats.
        await page.Locator("[data-part=filter-tag]").FillAsync(" VIP ");
        await page.Locator("[data-part=filter-wrap-up-code]").SelectOptionAsync([""]);
        await page.ClickAsync("[data-part=filter-apply]");
        await Assertions.Expect(page).ToHaveURLAsync(UrlWith("tag=vip"), new() { Timeout = Patience });
        Assert.DoesNotContain("wrapUpCode", page.Url, StringComparison.Ordinal);
        await Expect(host).ToHaveAttributeAsync("data-rows", "2", new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=filter-tag]")).ToHaveValueAsync("vip");
        await Expect(page.Locator("[data-part=report-covers]")).ToContainTextAsync("tagged vip");
        Assert.Equal([scenario.AnsweredQuickly.ToString(), scenario.AnsweredLate.ToString()], await ids.AllTextContentsAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "reports-conversations-tag.png"), FullPage = true });

        // The conversations tab keeps the narrowing; the other views cannot use it, so their tabs drop it.
        await Expect(page.Locator("[data-part=report-tab-conversations]")).ToHaveAttributeAsync("href", UrlWith("tag=vip"));
        Assert.DoesNotContain("tag=", await page.Locator("[data-part=report-tab-queues]").GetAttributeAsync("href"), StringComparison.Ordinal);

        // Markup typed as a tag is refused here, in words, and nothing is asked.
        await page.Locator("[data-part=filter-tag]").FillAsync("<b>x</b>");
        await page.ClickAsync("[data-part=filter-apply]");
        await Expect(page.Locator("[data-part=filter-tag-error]")).ToHaveTextAsync(Parley.Server.Conversations.TagName.Error);
        Assert.Contains("tag=vip", page.Url, StringComparison.Ordinal);

        // Markup in the address is not a code or a tag: left out, the page shows every conversation.
        await page.GotoAsync($"admin/reports/conversations?from={day}&to={day}&interval=1d&timeZone=UTC&wrapUpCode=%3Cimg%20src%3Dx%3E&tag=%3Cscript%3E");
        await Expect(host).ToHaveAttributeAsync("data-rows", "3", new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=filter-tag]")).ToHaveValueAsync("");
        Assert.DoesNotContain("<", await page.Locator("[data-part=report-covers]").TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await page.Locator("[data-part=report-filter] img, [data-part=report-filter] script").AllAsync());
    }

    [Fact]
    public async Task An_agent_cannot_open_the_reports()
    {
        await using var server = new ParleyServer();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString() });
        var page = await BrowserFixture.SignInAsync(context, "bob", patience: Patience);

        await page.GotoAsync("admin/reports");

        await Expect(page.Locator("[data-part=report-host]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-part=nav-reports]")).ToHaveCountAsync(0);
    }

    private static Regex UrlWith(string part) => new(Regex.Escape(part));

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
