using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// The admin page <c>/admin/privacy</c>: an admin finds a customer's conversations by e-mail, sees them (markup as
/// text), erases them after a confirmation and reads the erasure among the recent ones; a customer with a chat still
/// open cannot be erased; each queue's retention is listed.
/// </summary>
public sealed class PrivacyInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task An_admin_finds_a_customers_conversations_erases_them_after_confirming_and_the_search_no_longer_finds_them()
    {
        using var admin = Server.CreateClient(await Server.LoginAsync("admin"));
        var sales = await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("api/v1/admin/queues/sales");
        sales!["retentionDays"] = 90;
        (await admin.PutAsJsonAsync("api/v1/admin/queues/sales", sales)).EnsureSuccessStatusCode();
        await using (var bob = await Server.ConnectAgentAsync("bob"))
        {
            await bob.GoAvailableAsync();
            await EndedChatAsync(bob, "Ann <i>Erasable</i>", "ann.erasable@example.com", "My zeppelin order");
            await EndedChatAsync(bob, "Ann <i>Erasable</i>", "ann.erasable@example.com", "The zeppelin again");
            await bob.Connection.InvokeAsync("SetPresence", "offline");
        }

        // Another customer still chatting: she cannot be erased yet.
        using var starter = Server.CreateClient();
        (await starter.PostAsJsonAsync("api/v1/conversations",
            new { queue = "support", customer = new { name = "Olga Open", email = "olga@example.com" }, answers = new { topic = "An order" } })).EnsureSuccessStatusCode();

        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await BrowserFixture.SignInAsync(context, "admin");
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Dialog += (_, dialog) => errors.Add($"dialog: {dialog.Message}");
        await page.ClickAsync("[data-part=nav-privacy]");
        await page.WaitForURLAsync("**/admin/privacy");
        await Expect(page.Locator("[data-part=retention-row][data-queue=sales] [data-part=retention-days]")).ToHaveTextAsync("90 days after their end", new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=retention-row][data-queue=support] [data-part=retention-days]")).ToHaveTextAsync("until erased");
        await Expect(page.Locator("[data-part=privacy-log-empty]")).ToBeVisibleAsync();

        await page.FillAsync("[data-part=erase-email]", "olga@example.com");
        await page.ClickAsync("[data-part=erase-find]");
        await Expect(page.Locator("[data-part=erase-open]")).ToContainTextAsync("1 conversation of this customer is still open", new() { Timeout = Patience });
        Assert.Equal(0, await page.Locator("[data-part=erase]").CountAsync());

        await page.FillAsync("[data-part=erase-email]", "Ann.Erasable@example.com");
        await page.ClickAsync("[data-part=erase-find]");
        var matches = page.Locator("[data-part=erase-match]");
        await Expect(matches).ToHaveCountAsync(2, new() { Timeout = Patience });
        await Expect(matches.First.Locator("[data-part=erase-match-name]")).ToHaveTextAsync("Ann <i>Erasable</i>");
        Assert.Equal(0, await page.Locator("[data-part=erase-matches] i").CountAsync());
        await page.ClickAsync("[data-part=erase]");
        await Expect(page.Locator("[data-part=erase-confirm]")).ToContainTextAsync("Erase 2 conversations");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-privacy-confirm.png"), FullPage = true });

        await page.ClickAsync("[data-part=erase-confirm-button]");
        await Expect(page.Locator("[data-part=note]")).ToContainTextAsync("Erased 2 conversations", new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=erase-match]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-part=privacy-log-row][data-action='customer.erased']")).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page is wider than the window");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-privacy.png"), FullPage = true });

        var found = await admin.GetFromJsonAsync<JsonElement>("api/v1/agent/conversations?q=zeppelin");
        Assert.Equal(0, found.GetProperty("items").GetArrayLength());
        var again = await admin.PostAsJsonAsync("api/v1/admin/erasures/preview", new { email = "ann.erasable@example.com" });
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversations").GetArrayLength());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_supervisor_who_is_not_an_admin_gets_neither_the_link_nor_the_page()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString() });
        var page = await BrowserFixture.SignInAsync(context, "alice");
        await Expect(page.Locator(".topnav")).ToContainTextAsync("Admin");
        await Expect(page.Locator("[data-part=nav-privacy]")).ToHaveCountAsync(0);

        await page.GotoAsync("admin/privacy");
        await page.WaitForURLAsync("**/agent/login**", new() { Timeout = Patience });
        await Expect(page.Locator(".notice")).ToContainTextAsync("cannot open this page");
        Assert.Equal(0, await page.Locator("[data-part=erase-find]").CountAsync());
    }

    private async Task EndedChatAsync(AgentSession agent, string name, string email, string text)
    {
        using var starter = Server.CreateClient();
        using var started = await starter.PostAsJsonAsync("api/v1/conversations",
            new { queue = "support", customer = new { name, email }, answers = new { topic = "An order" } });
        var chat = (await started.Content.ReadFromJsonAsync<StartedConversation>(TestJson.Options))!;
        await agent.AcceptAsync(chat.ConversationId);
        await agent.Connection.InvokeAsync<MessageAccepted>("Send", chat.ConversationId, Guid.NewGuid().ToString(), text);
        await agent.Connection.InvokeAsync("Close", chat.ConversationId);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
