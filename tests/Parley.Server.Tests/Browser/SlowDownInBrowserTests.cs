using Microsoft.Playwright;
using Parley.Server.Conversations;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// A customer who types faster than the conversation's budget sees a calm "sending in a moment" on the
/// waiting messages (not an error, not "not sent"), and each of them is delivered exactly once afterwards.
/// </summary>
public sealed class SlowDownInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const float Patience = 15_000;
    private const int Messages = 8;
    private ParleyServer _server = null!;

    public Task InitializeAsync()
    {
        // A burst of 3 calls, then 2 a second: eight quick messages must wait, but not for long.
        _server = new ParleyServer(settings: new Dictionary<string, string?>
        {
            ["Parley:Customers:MessageBurst"] = "3",
            ["Parley:Customers:MessagesPerPeriod"] = "1",
            ["Parley:Customers:MessagePeriod"] = "00:00:00.500",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Messages_sent_too_fast_show_a_calm_slow_down_state_and_arrive_once_each()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = _server.BaseAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 } });
        var customer = await context.NewPageAsync();
        var errors = new List<string>();
        customer.PageError += (_, e) => errors.Add(e);
        await customer.GotoAsync("?queue=sales");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=prechat-name]", "Sam");
        var started = await customer.RunAndWaitForResponseAsync(
            () => customer.ClickAsync("[data-part=prechat-submit]"),
            r => r.Url.EndsWith("/api/v1/conversations", StringComparison.Ordinal) && r.Request.Method == "POST");
        var conversationId = Guid.Parse((await started.JsonAsync())!.Value.GetProperty("conversationId").GetString()!);
        // Resumed: the welcome message is shown, the composer is live.
        await Expect(customer.Locator("[data-part=message][data-sender=system]")).ToHaveCountAsync(1, new() { Timeout = Patience });

        var texts = Enumerable.Range(1, Messages).Select(i => $"Quick message {i}").ToList();
        foreach (var text in texts)
        {
            await customer.FillAsync("[data-part=composer]", text);
            await customer.PressAsync("[data-part=composer]", "Enter");
        }

        var slow = customer.Locator("[data-part=message][data-pending=slow]");
        await Expect(slow.First).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(slow.First.Locator("[data-part=message-state]")).ToHaveTextAsync("Sending in a moment…");
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-slow-down.png") });

        var delivered = customer.Locator("[data-part=message][data-sender=customer][data-seq]");
        await Expect(delivered).ToHaveCountAsync(Messages, new() { Timeout = Patience });
        Assert.Equal(0, await customer.Locator("[data-part=message][data-pending]").CountAsync());
        Assert.Equal(0, await customer.Locator("[data-part=message][data-failed]").CountAsync());
        var stored = await _server.Services.GetRequiredService<ConversationLog>().GetMessagesAsync(conversationId, 0, default);
        Assert.Equal(texts, stored.Where(m => m.Sender == MessageSender.Customer).Select(m => m.Text));
        Assert.Empty(errors);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
