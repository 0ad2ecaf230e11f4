using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parley.Server.Storage;
using Parley.Server.Tests.Conversations;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// An agent in the desk writes an internal note the customer in the widget never sees, tags the chat, and closes it
/// with the wrap-up code the queue requires (a close without one is refused in plain words).
/// </summary>
public sealed class NotesInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task An_agent_writes_a_note_the_customer_never_sees_and_closes_with_the_required_wrap_up_code()
    {
        await NotesSpecification.SetWrapUpCodesAsync(Server, "support", required: true);
        await using var customerContext = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        await using var agentContext = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var agent = await BrowserFixture.SignInAsync(agentContext, "alice", readyPart: "status");
        var customer = await customerContext.NewPageAsync();
        var errors = new List<string>();
        customer.PageError += (_, e) => errors.Add("customer: " + e);
        agent.PageError += (_, e) => errors.Add("agent: " + e);
        await agent.ClickAsync("[data-part=presence-available]", new() { Timeout = Patience });

        await customer.GotoAsync("");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=prechat-name]", "Ann");
        await customer.Locator("[data-part=prechat-question][data-question-id=topic]").SelectOptionAsync("An order");
        await customer.ClickAsync("[data-part=prechat-submit]");
        await agent.ClickAsync("[data-part=offer-accept]", new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=status]")).ToContainTextAsync("Alice Adams", new() { Timeout = Patience });

        // The note: hostile markup, shown as text, marked as the agents' only.
        const string note = "VIP reseller <img src=x onerror=alert(1)>";
        await agent.ClickAsync("[data-part=note-mode]");
        await agent.FillAsync("[data-part=note-input]", note);
        await agent.ClickAsync("[data-part=note-add]");
        var shown = agent.Locator("[data-part=transcript] [data-part=internal-note]");
        await Expect(shown.Locator("[data-part=note-text]")).ToHaveTextAsync(note, new() { Timeout = Patience });
        await Expect(shown).ToContainTextAsync("Only agents see this");
        Assert.Equal(0, await agent.Locator("[data-part=transcript] img").CountAsync());

        // A reply after the note reaches the customer; the note does not.
        await agent.FillAsync("[data-part=composer]", "Let me check that for you.");
        await agent.PressAsync("[data-part=composer]", "Enter");
        await Expect(customer.Locator("[data-part=message][data-sender=agent] [data-part=message-text]")).ToHaveTextAsync("Let me check that for you.", new() { Timeout = Patience });

        // In the desk the note sits in the transcript by its time: after the customer's first lines, before the reply.
        var entries = agent.Locator("[data-part=transcript] > [data-part=message], [data-part=transcript] > [data-part=internal-note]");
        await Expect(entries.Last).ToContainTextAsync("Let me check that for you.", new() { Timeout = Patience });
        var parts = await entries.EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.part + ':' + (e.dataset.sender || ''))");
        Assert.Equal(["internal-note:", "message:agent"], parts[^2..]);
        Assert.Contains("message:system", parts[..^2]);
        await agent.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desk-note-in-transcript.png") });

        await agent.FillAsync("[data-part=tag-input]", "  VIP ");
        await agent.PressAsync("[data-part=tag-input]", "Enter");
        await Expect(agent.Locator("[data-part=tag]")).ToHaveTextAsync("vip×", new() { Timeout = Patience });

        // Close without a code: refused in plain words; the chat stays open.
        await agent.ClickAsync("[data-part=close]");
        await agent.ClickAsync("[data-part=close-confirm]");
        await Expect(agent.Locator("[data-part=error]")).ToContainTextAsync("Choose a wrap-up code before closing this chat.", new() { Timeout = Patience });
        await agent.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desk-note-close-refused.png") });

        await agent.Locator("[data-part=wrap-up-code]").SelectOptionAsync("refund");
        await Expect(agent.Locator("[data-part=wrap-up-code]")).ToHaveValueAsync("refund", new() { Timeout = Patience });
        await agent.ClickAsync("[data-part=close]");
        await agent.ClickAsync("[data-part=close-confirm]");
        await Expect(agent.Locator("[data-part=ended]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await agent.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "desk-note-closed.png") });
        await Expect(customer.Locator("[data-part=message][data-sender=system]").Last).ToContainTextAsync("ended", new() { Timeout = Patience });
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-no-note.png") });

        var widgetText = await customer.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("VIP", widgetText, StringComparison.Ordinal);
        await using var db = await Server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync();
        var stored = await db.ConversationWrapUps.SingleAsync();
        Assert.Equal(("refund", "alice"), (stored.Code, stored.ChosenBy));
        Assert.Equal(["vip"], await db.ConversationTags.Select(t => t.Tag).ToListAsync());
        Assert.Empty(errors);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
