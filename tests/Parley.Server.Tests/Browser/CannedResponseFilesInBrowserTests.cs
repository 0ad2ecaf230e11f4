using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Parley.Server.CannedResponses;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>
/// A canned response's file as people see it: attached on the admin page (a disguised executable and an SVG with script
/// refused with a clear message), picked on the desk, and shown in the customer's widget and the agent's transcript.
/// </summary>
public sealed class CannedResponseFilesInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task A_supervisor_attaches_an_image_on_the_admin_page_and_a_disguised_executable_or_an_svg_is_refused()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var alice = await BrowserFixture.SignInAsync(context, "alice");
        var errors = new List<string>();
        alice.PageError += (_, e) => errors.Add(e);
        await alice.GotoAsync("admin/canned-responses");
        await alice.Locator("[data-field=scope]").SelectOptionAsync("queue:support", new() { Timeout = Patience });
        await alice.FillAsync("[data-field=shortcut]", "label");
        await alice.FillAsync("[data-field=title]", "Return label");
        await alice.FillAsync("[data-field=text]", "Here is your return label, {customer.name}.");
        var input = alice.Locator("[data-field=file]");

        // Hostile files: refused on the page, with the reason; nothing is attached.
        await input.SetInputFilesAsync(new FilePayload { Name = "label.png", MimeType = "image/png", Buffer = SampleFiles.Executable() });
        var refusal = alice.Locator("[data-part=canned-file-error]");
        await Expect(refusal).ToContainTextAsync("“label.png” was not attached. This type of file cannot be sent here.", new() { Timeout = Patience });
        await input.SetInputFilesAsync(new FilePayload { Name = "logo.svg", MimeType = "image/svg+xml", Buffer = SampleFiles.SvgWithScript() });
        await Expect(refusal).ToContainTextAsync("“logo.svg” was not attached.", new() { Timeout = Patience });
        await Expect(alice.Locator("[data-part=canned-file-attached]")).ToHaveCountAsync(0);
        await alice.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "canned-file-refused.png") });

        // An image: its name and size shown, kept with the response.
        var image = SampleFiles.Png(64, 48);
        await input.SetInputFilesAsync(new FilePayload { Name = "return-label.png", MimeType = "image/png", Buffer = image });
        await Expect(alice.Locator("[data-part=canned-file-name]")).ToHaveTextAsync("return-label.png", new() { Timeout = Patience });
        await Expect(alice.Locator("[data-part=canned-file-size]")).ToHaveTextAsync($"({Parley.Server.Files.FileSizeText.Of(image.Length)})");
        await Expect(refusal).ToHaveCountAsync(0);
        await alice.ClickAsync("[data-part=canned-save]");
        var item = alice.Locator("[data-part=canned-item][data-shortcut=label]");
        await Expect(item.Locator("[data-part=canned-item-file]")).ToContainTextAsync("return-label.png", new() { Timeout = Patience });
        await alice.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "canned-file-attached.png") });
        var saved = Assert.Single(await Responses.ListUsableAsync("alice", CancellationToken.None));
        Assert.Equal(("return-label.png", "image/png", (long)image.Length), (saved.Attachment?.Name, saved.Attachment?.ContentType, saved.Attachment?.Size));

        // Removed and saved: the response has no file any more.
        await alice.ClickAsync("[data-part=canned-file-remove]");
        await Expect(alice.Locator("[data-part=canned-file-attached]")).ToHaveCountAsync(0);
        await alice.ClickAsync("[data-part=canned-save]");
        await Expect(item.Locator("[data-part=canned-item-file]")).ToHaveCountAsync(0, new() { Timeout = Patience });
        Assert.Null(Assert.Single(await Responses.ListUsableAsync("alice", CancellationToken.None)).AttachmentId);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_agent_picks_a_response_with_an_image_and_the_customer_and_the_transcript_show_it()
    {
        using (var alice = Server.CreateClient(await Server.LoginAsync("alice")))
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(SampleFiles.Png(320, 200)), "file", "return-label.png" } };
            using var uploaded = await alice.PostAsync("api/v1/agent/canned-responses/files", form);
            Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
            var attachmentId = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attachmentId").GetGuid();
            using var created = await alice.PostAsJsonAsync("api/v1/agent/canned-responses", new
            {
                shortcut = "label", title = "Return label", scope = "queue", queue = "support", text = "Here is your return label, {customer.name}.", attachmentId,
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await using var customerContext = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        await using var agentContext = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var errors = new List<string>();
        var agent = await BrowserFixture.SignInAsync(agentContext, "alice");
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

        // The picker offers it; chosen, its text fills the composer and its file is announced with the reply.
        var composer = agent.Locator("[data-part=composer]");
        await composer.PressSequentiallyAsync("/lab");
        await Expect(agent.Locator("[data-part=canned-option][data-shortcut=label]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await composer.PressAsync("Enter");
        await Expect(composer).ToHaveValueAsync("Here is your return label, Ann.", new() { Timeout = Patience });
        await Expect(agent.Locator("[data-part=canned-file]")).ToContainTextAsync("return-label.png", new() { Timeout = Patience });
        await agent.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "canned-file-composer.png") });

        // Sent: the customer sees the image and the text; so does the agent's transcript.
        await composer.PressAsync("Enter");
        var atCustomer = customer.Locator("[data-part=message][data-sender=agent] [data-part=attachment]");
        await Expect(atCustomer.Locator("img")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Expect(customer.Locator("[data-part=message][data-sender=agent] [data-part=message-text]").Last).ToHaveTextAsync("Here is your return label, Ann.", new() { Timeout = Patience });
        Assert.True(await Loaded(atCustomer.Locator("img")), "the customer's preview did not load");
        await Expect(atCustomer.Locator("img")).ToHaveAttributeAsync("alt", "return-label.png");
        var inTranscript = agent.Locator("[data-part=message][data-sender=agent] [data-part=attachment-preview]");
        await Expect(inTranscript).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.True(await Loaded(inTranscript), "the agent's preview did not load");
        var textInTranscript = agent.Locator("[data-part=message][data-sender=agent] [data-part=message-text]").Last;
        await Expect(textInTranscript).ToHaveTextAsync("Here is your return label, Ann.");
        // The transcript stays at its end once the preview has loaded (it grows after the scroll to the newest message).
        await Expect(textInTranscript).ToBeInViewportAsync(new() { Ratio = 1, Timeout = Patience });
        await Expect(agent.Locator("[data-part=canned-file]")).ToHaveCountAsync(0);
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "canned-file-widget.png") });
        await agent.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "canned-file-desk.png") });
        Assert.Empty(errors);
    }

    private CannedResponseService Responses => Server.Services.GetRequiredService<CannedResponseService>();

    private static async Task<bool> Loaded(ILocator image)
    {
        await Assertions.Expect(image).ToHaveJSPropertyAsync("complete", true, new() { Timeout = Patience });
        return await image.EvaluateAsync<int>("img => img.naturalWidth") > 0;
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
