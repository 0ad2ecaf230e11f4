using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>The widget served by an edge in the DMZ deployment, while the core behind the broker goes away and comes back.</summary>
[Collection(BrokerCollection.Name)]
public sealed class WidgetOnEdgeTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Patience = 30_000;

    [Fact]
    public async Task While_the_core_is_down_the_widget_keeps_the_message_and_sends_it_once_when_the_core_is_back()
    {
        await using var split = await SplitDeployment.StartAsync(["edge-1"], coreInChildProcess: true, requestTimeout: TimeSpan.FromSeconds(1));
        var core = split.CoreProcess!;
        var edge = split.Edge("edge-1");
        await using (var alice = await core.ConnectAgentAsync("alice"))
        {
            await alice.GoAvailableAsync();
            await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = edge.BaseAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 } });
            var customer = await context.NewPageAsync();
            await customer.GotoAsync("");
            await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
            await customer.FillAsync("[data-part=prechat-name]", "Ann");
            await customer.Locator("[data-part=prechat-question][data-question-id=topic]").SelectOptionAsync("An order");
            await customer.ClickAsync("[data-part=prechat-submit]");
            var offer = await alice.Offers.WaitForAsync(_ => true, "the offer of the widget's chat");
            await alice.Connection.InvokeAsync<AssignedConversationView>("Accept", offer.OfferId);
            await Assertions.Expect(customer.Locator("[data-part=status]")).ToContainTextAsync("Alice Adams", new() { Timeout = Patience });

            // The core dies (SIGKILL); the edge and the customer's connection to it stay up.
            await core.KillAsync();
            await customer.FillAsync("[data-part=composer]", "Are you still there?");
            await customer.PressAsync("[data-part=composer]", "Enter");

            // The edge cannot reach the core: the widget says so and keeps the message.
            var pending = customer.Locator("[data-pending=queued]");
            try
            {
                await Assertions.Expect(pending).ToContainTextAsync("Not sent yet — will retry", new() { Timeout = Patience });
            }
            catch (PlaywrightException)
            {
                // Keep what the widget showed instead, for the failure message.
                await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-core-down-failed.png") });
                var bubbles = await customer.Locator("[data-part=message]").EvaluateAllAsync<string[]>("els => els.map(e => e.outerHTML)");
                throw new Xunit.Sdk.XunitException("The widget never showed the message as waiting to be resent. Messages: " + string.Join("\n", bubbles));
            }
            await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-core-down.png") });

            // The page is reloaded while the core is still away: the widget reaches the edge but cannot resume. What it
            // kept, and what is typed now, both say they are not sent yet (never a "Sending…" that waits for nothing).
            await customer.ReloadAsync();
            await Assertions.Expect(pending).ToContainTextAsync("Not sent yet — will retry", new() { Timeout = Patience });
            await customer.FillAsync("[data-part=composer]", "Hello?");
            await customer.PressAsync("[data-part=composer]", "Enter");
            await Assertions.Expect(pending).ToHaveCountAsync(2, new() { Timeout = Patience });
            await Assertions.Expect(pending.Last).ToContainTextAsync("Not sent yet — will retry", new() { Timeout = Patience });

            // The core comes back: the widget resends with the same clientMessageIds, each message is stored once.
            await core.StartAsync();
            var sent = customer.Locator("[data-part=message][data-sender=customer] [data-part=message-text]");
            await Assertions.Expect(sent).ToHaveTextAsync(["Are you still there?", "Hello?"], new() { Timeout = Patience });
            await Assertions.Expect(pending).ToHaveCountAsync(0, new() { Timeout = Patience });
            await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-core-back.png") });

            await using var again = await core.ConnectAgentAsync("alice");
            var transcript = await again.Connection.InvokeAsync<IReadOnlyList<MessageView>>("GetTranscript", offer.ConversationId);
            Assert.Single(transcript, m => m.Text == "Are you still there?");
            Assert.Single(transcript, m => m.Text == "Hello?");
        }
    }
}
