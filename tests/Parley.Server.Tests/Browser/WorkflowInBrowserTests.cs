using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Tests.Email;
using Parley.Server.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// The conversation workflow as a customer meets it on a phone: the queue's announcement above the chat, and after the
/// agent closes the chat the queue's survey (answered once) and "Email me the transcript", received by a real SMTP
/// server on loopback with every text encoded and the times in the customer's time zone.
/// </summary>
public sealed class WorkflowInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task A_customer_sees_the_announcement_rates_the_chat_once_and_receives_the_transcript_by_e_mail()
    {
        await using var sink = new SmtpSink();
        await using var server = new ParleyServer(settings: sink.Settings());
        using var admin = server.CreateClient(await server.LoginAsync("admin"));

        // The sales queue asks for a rating in its own words and has an announcement showing now.
        var queue = (await admin.GetFromJsonAsync<JsonObject>("api/v1/admin/queues/sales"))!;
        queue["workflow"]!["survey"] = new JsonObject { ["enabled"] = true, ["question"] = "How did we do today?", ["commentLabel"] = "Tell us more" };
        (await admin.PutAsJsonAsync("api/v1/admin/queues/sales", queue)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("api/v1/admin/announcements", new { queue = "sales", text = "High volume today <b>expect</b> longer waits" })).EnsureSuccessStatusCode();

        await using var agent = await server.ConnectAgentAsync("bob");
        await agent.GoAvailableAsync();
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 }, TimezoneId = "Europe/Amsterdam", Locale = "en-GB",
        });
        var customer = await context.NewPageAsync();
        var errors = new List<string>();
        customer.PageError += (_, e) => errors.Add(e);

        await customer.GotoAsync("?queue=sales");
        await customer.ClickAsync("[data-part=launcher]", new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=announcements]")).ToHaveTextAsync("High volume today <b>expect</b> longer waits", new() { Timeout = Patience });
        await customer.FillAsync("[data-part=prechat-name]", "Ann <i>Archer</i>");
        await customer.FillAsync("[data-part=prechat-email]", "ann@example.com");
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-announcement.png") });
        await customer.ClickAsync("[data-part=prechat-submit]");

        var offer = await agent.Offers.WaitForAsync(_ => true, "the offer to Bob");
        var conversationId = (await agent.Connection.InvokeAsync<AssignedConversationView>("Accept", offer.OfferId)).ConversationId;
        await agent.Connection.InvokeAsync<MessageAccepted>("Send", conversationId, Guid.NewGuid().ToString(), "Your refund <img src=x onerror=alert(1)> is on its way.");
        await Expect(customer.Locator("[data-part=message][data-sender=agent] [data-part=message-text]")).ToContainTextAsync("Your refund", new() { Timeout = Patience });
        await agent.Connection.InvokeAsync("Close", conversationId);

        // The survey, in the queue's words; answered once.
        var survey = customer.Locator("[data-part=survey]");
        await Expect(survey).ToContainTextAsync("How did we do today?", new() { Timeout = Patience });
        await Expect(survey).ToContainTextAsync("Tell us more");
        await customer.ClickAsync("[data-part=rating-4]");
        await customer.FillAsync("[data-part=survey-comment]", "Quick <b>and</b> kind");
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-survey.png") });
        var rating = await customer.RunAndWaitForRequestAsync(() => customer.ClickAsync("[data-part=survey-send]"), r => r.Url.EndsWith("/rating", StringComparison.Ordinal));
        await Expect(customer.Locator(".afterword-done").First).ToHaveTextAsync("Thank you for your feedback!", new() { Timeout = Patience });

        // The transcript, to the address given at the start.
        await customer.ClickAsync("[data-part=transcript]");
        await Expect(customer.Locator("[data-part=transcript-email]")).ToHaveValueAsync("ann@example.com");
        await customer.ClickAsync("[data-part=transcript-send]");
        await Expect(customer.Locator(".afterword-done").Last).ToContainTextAsync("ann@example.com", new() { Timeout = Patience });
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "widget-after-survey.png") });

        var mail = Assert.Single(await sink.ReceivedAsync(1));
        Assert.Equal(["ann@example.com"], mail.Recipients);
        Assert.Contains("Your refund <img src=x onerror=alert(1)> is on its way.", mail.Message.TextBody!, StringComparison.Ordinal);
        Assert.Contains("Your refund &lt;img src=x onerror=alert(1)&gt; is on its way.", mail.Message.HtmlBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", mail.Message.HtmlBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>Archer", mail.Message.HtmlBody!, StringComparison.Ordinal);
        Assert.Contains("Europe/Amsterdam", mail.Message.TextBody!, StringComparison.Ordinal);

        // One rating per chat: the same request again is refused.
        using var again = server.CreateClient(bearer: (await rating.AllHeadersAsync())["authorization"]["Bearer ".Length..]);
        var second = await again.PostAsync(new Uri(rating.Url), new StringContent(rating.PostData!, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Empty(errors);
        Assert.Equal(0, await customer.Locator("[data-part=messages] img, [data-part=announcements] b").CountAsync());
    }
}
