using Microsoft.Extensions.Time.Testing;
using Parley.Server.Tests.Email;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// Out of hours: the widget of the demo's billing queue (office hours in Amsterdam, closed policy "message") shows the
/// "leave a message" form with the next opening; the message waits on the desk, becomes a task at the opening (the
/// server's clock is driven), and the agent's answer reaches a real SMTP server on loopback.
/// </summary>
public sealed class LeaveMessageInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    // Monday 7 December 2026, 08:59:40 in Amsterdam: billing opens at 09:00 (08:00 UTC).
    private static readonly DateTimeOffset BeforeOpening = new(2026, 12, 7, 7, 59, 40, TimeSpan.Zero);

    [Fact]
    public async Task Out_of_hours_a_customer_leaves_a_message_that_becomes_a_task_at_the_opening_and_is_answered_by_e_mail()
    {
        await using var sink = new SmtpSink();
        var time = new FakeTimeProvider(BeforeOpening);
        await using var server = new ParleyServer(settings: sink.Settings(), time: time);
        await using var customerContext = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 }, TimezoneId = "Europe/Amsterdam", Locale = "en-GB",
        });
        await using var agentContext = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var customer = await customerContext.NewPageAsync();
        var errors = new List<string>();
        customer.PageError += (_, e) => errors.Add("customer: " + e);

        // The widget offers the form, with the opening in the customer's own time zone.
        await customer.GotoAsync("?queue=billing");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=message-form]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=availability]")).ToContainTextAsync("We open", new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=availability]")).ToContainTextAsync("at 9:00");
        await customer.FillAsync("[data-part=prechat-name]", "Nora <b>Night</b>");
        await customer.FillAsync("[data-part=prechat-email]", "nora@example.com");
        await customer.FillAsync("[data-part=message-text]", "My invoice 1042 is charged twice <img src=x onerror=alert(1)>");
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-leave-message.png") });
        await customer.ClickAsync("[data-part=prechat-submit]");
        await Expect(customer.Locator("[data-part=message-sent]")).ToContainTextAsync("nora@example.com", new() { Timeout = Patience });
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-message-sent.png") });

        // The agent sees it waiting; at the opening it is offered like a chat.
        var agent = await BrowserFixture.SignInAsync(agentContext, "alice", readyPart: "status");
        await agent.ClickAsync("[data-part=presence-available]", new() { Timeout = Patience });
        await Expect(agent.Locator("[data-part=held-message]")).ToHaveCountAsync(1, new() { Timeout = Patience });
        await agent.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desk-held-message.png") });
        time.Advance(TimeSpan.FromSeconds(25));
        await Expect(agent.Locator("[data-part=offer-message]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await agent.ClickAsync("[data-part=offer-accept]");

        // The answer goes by e-mail and stays with the message.
        await Expect(agent.Locator("[data-part=email-banner]")).ToContainTextAsync("nora@example.com", new() { Timeout = Patience });
        await agent.FillAsync("[data-part=composer]", "Hello Nora, we refunded the second charge.");
        await agent.ClickAsync("[data-part=send]");
        await Expect(agent.Locator("[data-part=message][data-sender=agent] [data-part=message-text]")).ToHaveTextAsync("Hello Nora, we refunded the second charge.", new() { Timeout = Patience });
        await agent.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desk-message-answered.png") });
        var mail = await sink.ReceivedAsync(2);

        var answer = mail.Single(m => m.Message.Subject?.StartsWith("Re:", StringComparison.Ordinal) == true);
        Assert.Equal(["nora@example.com"], answer.Recipients);
        Assert.Contains("we refunded the second charge", answer.Message.TextBody!, StringComparison.Ordinal);
        Assert.Equal(0, await agent.Locator("[data-part=transcript] img").CountAsync());
        Assert.Empty(errors);
    }
}
