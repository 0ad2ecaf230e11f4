using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>A chat moved to another queue, as the next agent and the customer see it.</summary>
public sealed class TransferredChatInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task After_a_move_to_another_queue_the_answers_keep_their_labels_and_the_widget_names_the_new_queue()
    {
        await using var alice = await Server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        await using var bobContext = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        await using var customerContext = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var bob = await BrowserFixture.SignInAsync(bobContext, "bob", "status", Patience);
        var errors = new List<string>();
        bob.PageError += (_, e) => errors.Add("bob: " + e);

        // The customer starts in Sales (manual pick) and answers its question.
        var customer = await customerContext.NewPageAsync();
        customer.PageError += (_, e) => errors.Add("customer: " + e);
        await customer.GotoAsync("?queue=sales");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await Expect(customer.Locator("#parley-title")).ToHaveTextAsync("Sales", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=prechat-name]", "Nia");
        await customer.FillAsync("[data-part=prechat-question][data-question-id=interest]", "A bike for my daughter");
        await customer.ClickAsync("[data-part=prechat-submit]");

        // Alice takes it, steps away and moves it to Customer support, where Bob is the one available.
        var offer = await alice.Offers.WaitForAsync(_ => true, "the offer to Alice");
        var conversationId = (await alice.Connection.InvokeAsync<AssignedConversationView>("Accept", offer.OfferId)).ConversationId;
        await Expect(customer.Locator("[data-part=status]")).ToContainTextAsync("Alice Adams", new() { Timeout = Patience });
        await bob.ClickAsync("[data-part=presence-available]");
        await Expect(bob.Locator("[data-part=status]")).ToContainTextAsync("Ready", new() { Timeout = Patience });
        await alice.Connection.InvokeAsync("SetPresenceWithReason", "away", "Break");
        await alice.Connection.InvokeAsync("TransferToQueue", conversationId, "support");

        // The question's label comes from Sales, where it was asked.
        var card = bob.Locator($"[data-part=offer][data-conversation-id='{conversationId}']");
        await Expect(card.Locator("dt")).ToHaveTextAsync("What are you looking for?", new() { Timeout = Patience });
        await Expect(card.Locator("dd")).ToHaveTextAsync("A bike for my daughter");
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-moved-offer-labels.png") });

        // The customer sees the queue the chat is in now.
        await Expect(customer.Locator("#parley-title")).ToHaveTextAsync("Customer support", new() { Timeout = Patience });
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-moved-queue-title.png") });

        await card.Locator("[data-part=offer-accept]").ClickAsync();
        var panel = bob.Locator("aside.details");
        await Expect(panel.Locator("dl.answers").First.Locator("dt")).ToHaveTextAsync("What are you looking for?", new() { Timeout = Patience });
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop-moved-panel-labels.png") });

        // A reload of the widget keeps the new queue's name.
        await customer.ReloadAsync();
        await Expect(customer.Locator("#parley-title")).ToHaveTextAsync("Customer support", new() { Timeout = Patience });
        Assert.Empty(errors);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
