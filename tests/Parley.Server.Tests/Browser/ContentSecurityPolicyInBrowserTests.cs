using System.Collections.Concurrent;
using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// Every page works under its Content-Security-Policy: the demo page with the widget open, the sign-in form, the desk
/// with an offer and a chat, the admin board and editors. Chromium reports each refused script, style or connection
/// on the console; there must be none.
/// </summary>
public sealed class ContentSecurityPolicyInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentQueue<string> _documentsWithoutPolicy = new();

    [Fact]
    public async Task Every_page_works_under_its_content_security_policy()
    {
        await using var customerContext = await NewContextAsync();
        await using var agentContext = await NewContextAsync();
        await using var adminContext = await NewContextAsync();

        // The sign-in form and the desk, available.
        var agent = await BrowserFixture.SignInAsync(agentContext, "alice", "status", Patience);
        await agent.ClickAsync("[data-part=presence-available]", new() { Timeout = Patience });

        // The demo page with the widget open: pre-chat form, then a chat.
        var customer = await customerContext.NewPageAsync();
        await customer.GotoAsync("");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=prechat-name]", "Ann");
        await customer.FillAsync("[data-part=prechat-email]", "ann@example.com");
        await customer.Locator("[data-part=prechat-question][data-question-id=topic]").SelectOptionAsync("An order");
        await customer.ClickAsync("[data-part=prechat-submit]");

        // The offer card (with its countdown bar), the accepted chat, a message each way.
        await Assertions.Expect(agent.Locator("[data-part=offer]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await agent.ClickAsync("[data-part=offer-accept]", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=composer]", "Where is my order?");
        await customer.PressAsync("[data-part=composer]", "Enter");
        await Assertions.Expect(agent.Locator("[data-part=message][data-sender=customer]")).ToHaveCountAsync(1, new() { Timeout = Patience });
        await agent.FillAsync("[data-part=composer]", "Let me look.");
        await agent.PressAsync("[data-part=composer]", "Enter");
        await Assertions.Expect(customer.Locator("[data-part=message][data-sender=agent]")).ToHaveCountAsync(1, new() { Timeout = Patience });

        // The admin board (with agents' load bars), the queue and agent editors, the edges page.
        var admin = await BrowserFixture.SignInAsync(adminContext, "admin", patience: Patience);
        await admin.GotoAsync("admin");
        await Assertions.Expect(admin.Locator("[data-part=agent-load]").First).ToBeVisibleAsync(new() { Timeout = Patience });
        await admin.ClickAsync("[data-part=nav-queues]");
        await admin.ClickAsync("[data-part=queue-new]", new() { Timeout = Patience });
        await Assertions.Expect(admin.Locator("[data-part=queue-editor]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await admin.ClickAsync("[data-part=nav-agents]");
        await admin.ClickAsync("[data-part=agent-new]", new() { Timeout = Patience });
        await admin.ClickAsync("[data-part=nav-edges]");
        await Assertions.Expect(admin.Locator("[data-part=external-url]").First).ToBeVisibleAsync(new() { Timeout = Patience });

        Assert.True(_documentsWithoutPolicy.IsEmpty, "pages without a policy: " + string.Join(", ", _documentsWithoutPolicy));
        Assert.True(_violations.IsEmpty, string.Join(Environment.NewLine, _violations));
    }

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        context.Page += (_, page) =>
        {
            // Chromium reports every blocked script, style, frame or connection on the console ("… violates the
            // following Content Security Policy directive …"), and page errors are failures too.
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                {
                    _violations.Enqueue($"{page.Url}: {message.Text}");
                }
            };
            page.PageError += (_, error) => _violations.Enqueue($"{page.Url}: {error}");
        };
        context.Response += async (_, response) =>
        {
            if (response.Request.ResourceType == "document" && await response.HeaderValueAsync("content-security-policy") is null)
            {
                _documentsWithoutPolicy.Enqueue(response.Url);
            }
        };
        return context;
    }
}
