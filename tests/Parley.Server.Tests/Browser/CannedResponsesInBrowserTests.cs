using System.Net.Http.Json;
using Microsoft.Playwright;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>An agent answers with a canned response: "/" opens the list, it filters as they type, the prompt is asked, the customer gets the text.</summary>
public sealed class CannedResponsesInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task An_agent_types_a_shortcut_fills_the_prompt_and_the_customer_receives_the_text()
    {
        using (var admin = await AdminAnnouncementApiTests.AdminClientAsync(Server))
        {
            await PostAsync(admin, "api/v1/admin/canned-responses", new { shortcut = "hello", title = "Greeting", text = "Hello, I am {agent.name}." });
            await PostAsync(admin, "api/v1/admin/canned-responses", new { shortcut = "refer", title = "<b>Refer</b> to a colleague", text = "<i>Not</i> markup" });
        }

        using (var alice = Server.CreateClient(await Server.LoginAsync("alice")))
        {
            await PostAsync(alice, "api/v1/agent/canned-responses", new
            {
                shortcut = "refund", title = "Refund on its way", scope = "queue", queue = "support",
                text = "Hello {customer.name}, the refund for order {?Order number} is on its way. — {agent.name}, {queue.name} {unknown}",
            });
        }

        await using var customerContext = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        await using var agentContext = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var errors = new List<string>();
        var agent = await BrowserFixture.SignInAsync(agentContext, "alice", "status");
        agent.PageError += (_, e) => errors.Add("agent: " + e);
        await agent.ClickAsync("[data-part=presence-available]", new() { Timeout = Patience });
        var customer = await customerContext.NewPageAsync();
        customer.PageError += (_, e) => errors.Add("customer: " + e);
        await customer.GotoAsync("");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=prechat-name]", "Ann");
        await customer.Locator("[data-part=prechat-question][data-question-id=topic]").SelectOptionAsync("An order");
        await customer.ClickAsync("[data-part=prechat-submit]");
        await agent.ClickAsync("[data-part=offer-accept]", new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=status]")).ToContainTextAsync("Alice Adams", new() { Timeout = Patience });

        // "/" opens the list; Esc closes it and the draft stays as typed.
        var composer = agent.Locator("[data-part=composer]");
        var options = agent.Locator("[data-part=canned-option]");
        await composer.PressSequentiallyAsync("/he");
        await Expect(options).ToHaveCountAsync(1, new() { Timeout = Patience });
        await composer.PressAsync("Escape");
        await Expect(agent.Locator("[data-part=canned-picker]")).ToHaveCountAsync(0);
        await Expect(composer).ToHaveValueAsync("/he");

        // With nothing to offer, Enter is the composer's again (it sends what was typed).
        await composer.FillAsync("");
        await composer.PressSequentiallyAsync("/zzz");
        await Expect(agent.Locator("[data-part=canned-none]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await composer.PressAsync("Enter");
        await Expect(customer.Locator("[data-part=message][data-sender=agent] [data-part=message-text]").First).ToHaveTextAsync("/zzz", new() { Timeout = Patience });

        // It filters as the agent types; markup in a title is text.
        await composer.PressSequentiallyAsync("/ref");
        await Expect(options).ToHaveCountAsync(2, new() { Timeout = Patience });
        await Expect(options.First.Locator("[data-part=canned-title]")).ToHaveTextAsync("<b>Refer</b> to a colleague");
        // A queue's response names the queue as agents know it (its display name), not its internal key.
        await Expect(options.Nth(1).Locator("[data-part=canned-scope]")).ToHaveTextAsync("Customer support");
        Assert.Equal(0, await agent.Locator("[data-part=canned-picker] b, [data-part=canned-picker] i").CountAsync());
        await agent.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "canned-picker.png") });

        // ↓ and Enter pick "refund", whose prompt is asked before the text goes into the composer.
        await composer.PressAsync("ArrowDown");
        await Expect(agent.Locator("[data-part=canned-option][aria-selected=true]")).ToHaveAttributeAsync("data-shortcut", "refund");
        await composer.PressAsync("Enter");
        var prompt = agent.Locator("[data-part=canned-prompt][data-prompt='Order number']");
        await Expect(prompt).ToBeFocusedAsync(new() { Timeout = Patience });
        await prompt.PressSequentiallyAsync("A-1234");
        await agent.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "canned-prompt.png") });
        await prompt.PressAsync("Enter");
        const string expected = "Hello Ann, the refund for order A-1234 is on its way. — Alice Adams, Customer support {unknown}";
        await Expect(composer).ToHaveValueAsync(expected, new() { Timeout = Patience });
        await Expect(composer).ToBeFocusedAsync();
        await Expect(agent.Locator("[data-part=canned-prompts]")).ToHaveCountAsync(0);
        Assert.Equal(1, await customer.Locator("[data-part=message][data-sender=agent]").CountAsync());

        // The agent still presses Send; the customer receives the expanded text.
        await composer.PressAsync("Enter");
        var atCustomer = customer.Locator("[data-part=message][data-sender=agent] [data-part=message-text]");
        await Expect(atCustomer.Nth(1)).ToHaveTextAsync(expected, new() { Timeout = Patience });

        // Markup in a response is text in the composer, in the transcript and in the widget.
        await composer.PressSequentiallyAsync("/refer");
        await Expect(options).ToHaveCountAsync(1, new() { Timeout = Patience });
        await composer.PressAsync("Enter");
        await Expect(composer).ToHaveValueAsync("<i>Not</i> markup", new() { Timeout = Patience });
        await composer.PressAsync("Enter");
        await Expect(atCustomer.Nth(2)).ToHaveTextAsync("<i>Not</i> markup", new() { Timeout = Patience });
        await Expect(agent.Locator("[data-part=message][data-sender=agent] [data-part=message-text]").Nth(2)).ToHaveTextAsync("<i>Not</i> markup", new() { Timeout = Patience });
        Assert.Equal(0, await customer.Locator("[data-part=messages] i").CountAsync());
        Assert.Equal(0, await agent.Locator("[data-part=transcript] i").CountAsync());
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "canned-widget.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_supervisor_writes_a_queue_response_and_an_agent_their_own_on_the_pages()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var alice = await BrowserFixture.SignInAsync(context, "alice");
        await alice.GotoAsync("admin/canned-responses");
        var scope = alice.Locator("[data-field=scope]");
        await Expect(scope.Locator("option")).ToHaveCountAsync(3, new() { Timeout = Patience });
        Assert.Equal(["queue:billing", "queue:sales", "queue:support"], await scope.Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)"));
        await scope.SelectOptionAsync("queue:support");
        await alice.FillAsync("[data-field=shortcut]", "refund");
        await alice.FillAsync("[data-field=title]", "Refund on its way");
        await alice.FillAsync("[data-field=text]", "Your refund for {?Order number} is on its way.");
        await alice.ClickAsync("[data-part=canned-save]");
        await Expect(alice.Locator("[data-part=canned-item][data-shortcut=refund] [data-part=canned-item-scope]")).ToHaveTextAsync("support", new() { Timeout = Patience });

        await using var bobContext = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var bob = await BrowserFixture.SignInAsync(bobContext, "bob");
        await bob.GotoAsync("agent/canned-responses");
        await Expect(bob.Locator("[data-part=canned-editor]")).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.Equal(0, await bob.Locator("[data-field=scope]").CountAsync());
        await bob.FillAsync("[data-field=shortcut]", "bye");
        await bob.FillAsync("[data-field=title]", "<b>Sign-off</b>");
        await bob.FillAsync("[data-field=text]", "<script>alert(1)</script> Regards, {agent.name}");
        await bob.ClickAsync("[data-part=canned-save]");
        var item = bob.Locator("[data-part=canned-item][data-shortcut=bye]");
        await Expect(item.Locator("[data-part=canned-item-text]")).ToHaveTextAsync("<script>alert(1)</script> Regards, {agent.name}", new() { Timeout = Patience });
        await Expect(item).ToContainTextAsync("<b>Sign-off</b>");
        Assert.Equal(0, await bob.Locator("[data-part=canned-list] b, [data-part=canned-list] script").CountAsync());
        await Expect(bob.Locator("[data-part=canned-item]")).ToHaveCountAsync(1);
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "canned-mine.png") });
        await alice.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "canned-admin.png") });

        var usable = await Server.Services.GetRequiredService<Parley.Server.CannedResponses.CannedResponseService>().ListUsableAsync("bob", default);
        Assert.Equal([("bye", "personal"), ("refund", "queue")], usable.Select(r => (r.Shortcut, r.Scope)));
    }

    private static async Task PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
