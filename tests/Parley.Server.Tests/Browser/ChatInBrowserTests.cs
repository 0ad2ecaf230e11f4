using Microsoft.Playwright;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Conversations;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>The customer widget and the agent desktop, each in its own browser context, chatting both ways.</summary>
public sealed class ChatInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;
    [Fact]
    public async Task A_customer_in_the_widget_and_an_agent_in_the_desktop_chat_both_ways()
    {
        await using var customerContext = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        await using var agentContext = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var agent = await agentContext.NewPageAsync();
        var customer = await customerContext.NewPageAsync();
        var errors = new List<string>();
        customer.PageError += (_, e) => errors.Add("customer: " + e);
        agent.PageError += (_, e) => errors.Add("agent: " + e);

        // The agent signs in and becomes available.
        await agent.GotoAsync("agent/login");
        await agent.FillAsync("#username", "alice");
        await agent.FillAsync("#password", ParleyServer.AgentPassword);
        await agent.ClickAsync("button[type=submit]");
        await agent.WaitForURLAsync("**/agent", new() { Timeout = Patience });
        await agent.ClickAsync("[data-part=presence-available]", new() { Timeout = Patience });

        // The customer opens the widget on the demo page and starts a chat.
        await customer.GotoAsync("");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=prechat-name]", "Ann");
        await customer.FillAsync("[data-part=prechat-email]", "ann@example.com");
        await customer.Locator("[data-part=prechat-question][data-question-id=topic]").SelectOptionAsync("An order");
        await customer.ClickAsync("[data-part=prechat-submit]");

        // The offer reaches the agent, who accepts; the customer learns who joined.
        await agent.ClickAsync("[data-part=offer-accept]", new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=status]")).ToContainTextAsync("Alice Adams", new() { Timeout = Patience });

        // Customer → agent; the text is hostile markup and must arrive as text.
        const string hostile = "Where is my order? <img src=x onerror=alert(1)>";
        await customer.FillAsync("[data-part=composer]", hostile);
        await customer.PressAsync("[data-part=composer]", "Enter");
        var atAgent = agent.Locator("[data-part=message][data-sender=customer] [data-part=message-text]");
        await Expect(atAgent).ToHaveTextAsync(hostile, new() { Timeout = Patience });

        // Agent → customer, with Enter in the composer.
        await agent.FillAsync("[data-part=composer]", "Let me check that for you.");
        await agent.PressAsync("[data-part=composer]", "Enter");
        var atCustomer = customer.Locator("[data-part=message][data-sender=agent] [data-part=message-text]");
        await Expect(atCustomer).ToHaveTextAsync("Let me check that for you.", new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=message][data-sender=customer] [data-part=message-text]")).ToHaveTextAsync(hostile);

        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget.png") });
        await agent.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desktop.png") });

        // Nothing was turned into markup on either side.
        Assert.Equal(0, await customer.Locator("[data-part=messages] img").CountAsync());
        Assert.Equal(0, await agent.Locator("[data-part=transcript] img").CountAsync());

        // A reload resumes the same chat and shows every message exactly once, in order.
        var seqsBefore = await SeqsAsync(customer);
        await customer.ReloadAsync();
        await Expect(customer.Locator("[data-part=panel]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=message]")).ToHaveCountAsync(seqsBefore.Count, new() { Timeout = Patience });
        Assert.Equal(seqsBefore, await SeqsAsync(customer));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task After_a_network_drop_the_widget_resumes_and_shows_every_message_exactly_once()
    {
        await using var agent = await Server.ConnectAgentAsync("bob");
        await agent.GoAvailableAsync();
        await using var relay = new TcpRelay(Server.BaseAddress);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = relay.BaseAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 } });
        var customer = await context.NewPageAsync();
        await customer.GotoAsync("?queue=sales");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=prechat-name]", "Nia");
        await customer.ClickAsync("[data-part=prechat-submit]");
        var offer = await agent.Offers.WaitForAsync(_ => true, "the offer to Bob");
        var conversationId = (await agent.Connection.InvokeAsync<AssignedConversationView>("Accept", offer.OfferId)).ConversationId;
        await Expect(customer.Locator("[data-part=status]")).ToContainTextAsync("Bob Baker", new() { Timeout = Patience });

        relay.Cut();
        await Expect(customer.Locator("[data-part=connection]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await agent.Connection.InvokeAsync<MessageAccepted>("Send", conversationId, Guid.NewGuid().ToString(), "Sent while you were offline");
        await customer.FillAsync("[data-part=composer]", "Typed while offline");
        await customer.PressAsync("[data-part=composer]", "Enter");
        await Expect(customer.Locator("[data-part=message][data-pending]")).ToHaveCountAsync(1);
        relay.Restore();

        var texts = customer.Locator("[data-part=message][data-seq] [data-part=message-text]");
        await Expect(customer.Locator("[data-part=message][data-pending]")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Expect(texts.Filter(new() { HasText = "Sent while you were offline" })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(texts.Filter(new() { HasText = "Typed while offline" })).ToHaveCountAsync(1);
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-phone-after-drop.png") });

        var stored = await Server.Services.GetRequiredService<ConversationLog>().GetMessagesAsync(conversationId, 0, default);
        Assert.Single(stored, m => m.Text == "Typed while offline");
        Assert.Equal(stored.Select(m => m.Seq), await SeqsAsync(customer));
    }

    private static async Task<List<long>> SeqsAsync(IPage page)
    {
        var seqs = await page.Locator("[data-part=message][data-seq]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.seq)");
        var numbers = seqs.Select(long.Parse).ToList();
        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        return numbers;
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
