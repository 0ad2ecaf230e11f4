using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// A supervisor on the live board sees Bob's chat in progress, monitors it as the customer writes, whispers to Bob (his
/// desk shows it as a whisper, the customer's widget never), then joins the chat: the customer sees the supervisor's
/// name on the join line and on her message.
/// </summary>
public sealed class SupervisionInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task A_whisper_is_seen_by_the_agent_only_and_a_supervisor_who_joins_is_seen_by_the_customer()
    {
        await using var customerContext = await NewContextAsync();
        await using var agentContext = await NewContextAsync();
        await using var supervisorContext = await NewContextAsync();
        var agent = await BrowserFixture.SignInAsync(agentContext, "bob", readyPart: "status");
        var supervisor = await BrowserFixture.SignInAsync(supervisorContext, "alice", readyPart: "status");
        var customer = await customerContext.NewPageAsync();
        var errors = new List<string>();
        customer.PageError += (_, e) => errors.Add("customer: " + e);
        agent.PageError += (_, e) => errors.Add("agent: " + e);
        supervisor.PageError += (_, e) => errors.Add("supervisor: " + e);
        await agent.ClickAsync("[data-part=presence-available]", new() { Timeout = Patience });

        await customer.GotoAsync("");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=prechat-name]", "Ann");
        await customer.Locator("[data-part=prechat-question][data-question-id=topic]").SelectOptionAsync("An order");
        await customer.ClickAsync("[data-part=prechat-submit]");
        await agent.ClickAsync("[data-part=offer-accept]", new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=status]")).ToContainTextAsync("Bob Baker", new() { Timeout = Patience });

        // The board lists the chat in progress; monitoring shows the customer's new message as it comes.
        await supervisor.GotoAsync("admin");
        var row = supervisor.Locator("[data-part=live-chat]");
        await Expect(row).ToContainTextAsync("Ann", new() { Timeout = Patience });
        await Expect(row).ToContainTextAsync("Bob Baker");
        await row.Locator("[data-part=live-chat-monitor]").ClickAsync();
        var panel = supervisor.Locator("[data-part=monitor-panel]");
        await Expect(panel).ToContainTextAsync("neither the customer nor the agent sees you", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=composer]", "Where is my parcel?");
        await customer.PressAsync("[data-part=composer]", "Enter");
        await Expect(panel.Locator("[data-part=monitor-message]").Last).ToContainTextAsync("Where is my parcel?", new() { Timeout = Patience });

        // The whisper: at Bob's desk as a whisper, never in the widget.
        await supervisor.FillAsync("[data-part=monitor-whisper-input]", "Offer the 10 % voucher <b>now</b>");
        await supervisor.ClickAsync("[data-part=monitor-whisper-send]");
        var whisper = agent.Locator("[data-part=transcript] [data-part=whisper]");
        await Expect(whisper.Locator("[data-part=note-text]")).ToHaveTextAsync("Offer the 10 % voucher <b>now</b>", new() { Timeout = Patience });
        await Expect(whisper).ToContainTextAsync("Whisper from your supervisor");
        await Expect(panel.Locator("[data-part=monitor-whisper]")).ToContainTextAsync("Offer the 10 % voucher", new() { Timeout = Patience });
        await agent.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desk-whisper.png") });

        // Joining: the customer sees the supervisor's name on the join line and on her message.
        await supervisor.ClickAsync("[data-part=monitor-barge-in]");
        await supervisor.FillAsync("[data-part=monitor-say-input]", "Hello Ann, I am Bob's team lead.", new() { Timeout = Patience });
        await supervisor.ClickAsync("[data-part=monitor-say-send]");
        await Expect(customer.Locator("[data-part=message][data-sender=system]").Filter(new() { HasText = "Alice Adams (supervisor) joined the chat." })).ToHaveCountAsync(1, new() { Timeout = Patience });
        var said = customer.Locator("[data-part=message][data-sender=agent]").Filter(new() { HasText = "Hello Ann, I am Bob's team lead." });
        await Expect(said).ToContainTextAsync("Alice Adams", new() { Timeout = Patience });
        await Expect(agent.Locator("[data-part=transcript]")).ToContainTextAsync("Hello Ann, I am Bob's team lead.", new() { Timeout = Patience });
        await supervisor.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "board-monitor-joined.png"), FullPage = true });
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-supervisor-joined.png") });

        Assert.DoesNotContain("voucher", await customer.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    private Task<IBrowserContext> NewContextAsync() =>
        browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
