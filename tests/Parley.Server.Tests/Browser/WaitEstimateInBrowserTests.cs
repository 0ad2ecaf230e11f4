using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// The wait estimate as a customer and a supervisor read it when the queue's only agent is busy at 3/3 with chats
/// that run longer than the queue's recent ones (issue 13 item 4): no time, and why, rather than "less than a minute".
/// </summary>
public sealed class WaitEstimateInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task Behind_a_busy_agent_the_widget_and_the_board_say_so_instead_of_less_than_a_minute()
    {
        // Bob serves support alone (capacity 3). His first three chats close at once: the queue's recent handle times
        // are a fraction of a second. Then he takes three more that stay open, and they soon outlast every one of them.
        await using var bob = await Server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        var taken = new List<Guid>();
        foreach (var round in new[] { "short", "long" })
        {
            for (var i = 0; i < 3; i++)
            {
                await Server.StartConversationAsync(name: $"{round} {i}");
            }

            for (var i = 0; i < 3; i++)
            {
                var offer = await bob.Offers.WaitForAsync(o => !taken.Contains(o.ConversationId), "an offer to Bob");
                taken.Add((await bob.Connection.InvokeAsync<AssignedConversationView>("Accept", offer.OfferId)).ConversationId);
            }

            if (round == "short")
            {
                foreach (var id in taken)
                {
                    await bob.Connection.InvokeAsync("Close", id);
                }
            }
        }

        await using var adminContext = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var admin = await BrowserFixture.SignInAsync(adminContext, "alice", "status", Patience);
        await admin.GotoAsync("admin");

        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 } });
        var customer = await context.NewPageAsync();
        var errors = new List<string>();
        customer.PageError += (_, e) => errors.Add("customer: " + e);
        admin.PageError += (_, e) => errors.Add("admin: " + e);
        await customer.GotoAsync("");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=prechat-name]", "Eve");
        await customer.Locator("[data-part=prechat-question][data-question-id=topic]").SelectOptionAsync("An order");
        await customer.ClickAsync("[data-part=prechat-submit]");

        // Before: "You are next — less than a minute" and "< 1 min" (1 slot-cycle of a fraction of a second ÷ 3).
        var position = customer.Locator("[data-part=queue-position]");
        await Expect(position).ToHaveTextAsync("You are next — every agent is busy; we can't say how long it will take", new() { Timeout = Patience });
        var estimate = admin.Locator("[data-part=queue-row][data-queue=support] [data-part=queue-ewt]");
        await Expect(estimate).ToHaveTextAsync("unknown: all busy", new() { Timeout = Patience });
        await Expect(admin.Locator("[data-part=queue-row][data-queue=support] [data-part=queue-waiting]")).ToHaveTextAsync("1");
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-estimate-agents-busy.png") });
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "board-estimate-agents-busy.png") });

        // Bob goes away: nobody serves the queue, and both say that.
        await bob.Connection.InvokeAsync("SetPresence", "away");
        await Expect(position).ToHaveTextAsync("You are next — no agent is available right now", new() { Timeout = Patience });
        await Expect(estimate).ToHaveTextAsync("nobody serving", new() { Timeout = Patience });
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-estimate-nobody-serving.png") });
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "board-estimate-nobody-serving.png") });

        Assert.DoesNotMatch(new Regex("less than a minute"), await position.TextContentAsync() ?? "");
        Assert.Empty(errors);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
