using Microsoft.Playwright;
using Parley.Server.Email;
using Parley.Server.Storage;
using Parley.Server.Tests.Email;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>The admin page <c>/admin/mail</c>: each mail's status, the filter and "Retry now", as an admin uses them.</summary>
public sealed class MailInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task An_admin_sees_each_mails_status_filters_them_and_retries_a_failed_one()
    {
        await using var sink = new SmtpSink();
        sink.Refuse("gone@example.com");
        await using var server = new ParleyServer(settings: sink.Settings());
        var token = await server.LoginAsync("admin");
        var sent = await server.EnqueueMailAsync(OutgoingMail.FromText("ann@example.com", "Ann Smith", "We got your message", "Text"));
        await server.MailWhenAsync(token, sent, m => m.Status == MailStatus.Sent, "the first mail sent");
        var failed = await server.EnqueueMailAsync(OutgoingMail.FromText("gone@example.com", "Gone <b>Away</b>", "Re: your order <img src=x onerror=alert(1)>", "Text"));
        await server.MailWhenAsync(token, failed, m => m.Status == MailStatus.Failed, "the refused mail failed");
        await sink.StopAsync();
        var waiting = await server.EnqueueMailAsync(OutgoingMail.FromText("bob@example.com", "Bob", "Your reply from Alice", "Text"));
        await server.MailWhenAsync(token, waiting, m => m.Status == MailStatus.Retrying, "the mail retrying while the mail server is down");

        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await BrowserFixture.SignInAsync(context, "admin");
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Dialog += (_, dialog) => errors.Add($"dialog: {dialog.Message}");
        await page.ClickAsync("[data-part=nav-mail]");
        await page.WaitForURLAsync("**/admin/mail");

        var rows = page.Locator("[data-part=mail-row]");
        await Expect(rows).ToHaveCountAsync(3, new() { Timeout = Patience });
        await Expect(Row(page, waiting).Locator("[data-part=mail-status]")).ToHaveTextAsync("Retrying");
        await Expect(Row(page, failed).Locator("[data-part=mail-status]")).ToHaveTextAsync("Failed");
        await Expect(Row(page, sent).Locator("[data-part=mail-status]")).ToHaveTextAsync("Sent");
        await Expect(Row(page, failed)).ToContainTextAsync("Re: your order <img src=x onerror=alert(1)>"); // shown as text
        await Expect(Row(page, failed)).ToContainTextAsync("Gone <b>Away</b>");
        Assert.Equal(0, await page.Locator("[data-part=mail-row] img, [data-part=mail-row] b").CountAsync());
        await Expect(Row(page, failed).Locator("[data-part=mail-error]")).ToContainTextAsync("55");
        await Expect(Row(page, sent).Locator("[data-part=mail-retry]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-mail.png"), FullPage = true });

        await page.SelectOptionAsync("[data-part=mail-filter]", "Failed");
        await Expect(rows).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=mail-total]")).ToHaveTextAsync("1 mail");

        // The mail server is back and takes the address again: "Retry now" sends the failed mail at once.
        sink.Refuse("gone@example.com", refuse: false);
        sink.Start();
        await Row(page, failed).Locator("[data-part=mail-retry]").ClickAsync();
        await Expect(page.Locator("[data-part=note]")).ToContainTextAsync("gone@example.com", new() { Timeout = Patience });
        await server.MailWhenAsync(token, failed, m => m.Status == MailStatus.Sent, "the retried mail sent");
        await page.SelectOptionAsync("[data-part=mail-filter]", "");
        await Expect(Row(page, failed).Locator("[data-part=mail-status]")).ToHaveTextAsync("Sent", new() { Timeout = Patience });
        Assert.Contains(sink.Received, r => r.Recipients.Contains("gone@example.com"));
        await page.SetViewportSizeAsync(820, 800);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-mail-retried-narrow.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_supervisor_who_is_not_an_admin_gets_neither_the_link_nor_the_page()
    {
        await using var server = new ParleyServer();
        await server.EnqueueMailAsync(OutgoingMail.FromText("ann@example.com", "Ann", "Private", "Text"));
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString() });
        var page = await BrowserFixture.SignInAsync(context, "alice");
        await Expect(page.Locator(".topnav")).ToContainTextAsync("Admin");
        await Expect(page.Locator("[data-part=nav-mail]")).ToHaveCountAsync(0);

        await page.GotoAsync("admin/mail");
        await page.WaitForURLAsync("**/agent/login**", new() { Timeout = Patience });
        await Expect(page.Locator(".notice")).ToContainTextAsync("cannot open this page");
        Assert.Equal(0, await page.Locator("[data-part=mail-row]").CountAsync());
    }

    private static ILocator Row(IPage page, long id) => page.Locator($"[data-part=mail-row][data-mail='{id}']");

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
