using Microsoft.Playwright;
using Parley.Server.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>The admin editors with unsaved changes, blank rows and several errors at once.</summary>
public sealed class AdminEditorChangesTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task The_queue_editor_asks_before_it_discards_unsaved_changes_even_invalid_ones()
    {
        var page = await OpenAsync("admin/queues");
        await page.ClickAsync("[data-part=queue-item][data-queue=support]", new() { Timeout = Patience });
        var editor = page.Locator("[data-part=queue-editor]");
        await Expect(editor).ToHaveAttributeAsync("data-queue", "support");
        await Field(editor, "displayName").FillAsync("");

        // Another queue: asked, and keeping the edit keeps it.
        await page.ClickAsync("[data-part=queue-item][data-queue=sales]");
        var confirm = page.Locator("[data-part=queue-discard-confirm]");
        await Expect(confirm).ToContainTextAsync("unsaved changes", new() { Timeout = Patience });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-queue-discard-confirm.png") });
        await Expect(editor).ToHaveAttributeAsync("data-queue", "support");
        await page.ClickAsync("[data-part=queue-discard-keep]");
        await Expect(confirm).ToHaveCountAsync(0);
        await Expect(Field(editor, "displayName")).ToHaveValueAsync("");

        // New: asked again; discarding opens the new queue.
        await page.ClickAsync("[data-part=queue-new]");
        await Expect(confirm).ToBeVisibleAsync(new() { Timeout = Patience });
        await page.ClickAsync("[data-part=queue-discard-confirm-button]");
        await Expect(editor.Locator("h2")).ToHaveTextAsync("New queue", new() { Timeout = Patience });
        Assert.Equal("Customer support", Service.GetQueue("support")?.DisplayName);

        // Nothing changed: no question.
        await page.ClickAsync("[data-part=queue-item][data-queue=sales]");
        await Expect(editor).ToHaveAttributeAsync("data-queue", "sales", new() { Timeout = Patience });
        await Expect(confirm).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_empty_skill_row_is_ignored_when_an_agent_is_saved()
    {
        var page = await OpenAsync("admin/agents");
        await page.ClickAsync("[data-part=agent-new]", new() { Timeout = Patience });
        var editor = page.Locator("[data-part=agent-editor]");
        await Field(editor, "username").FillAsync("erin");
        await Field(editor, "displayName").FillAsync("Erin Ellis");
        await Field(editor, "password").FillAsync("erin-secret-password");
        await editor.Locator("[data-part=agent-skill-add]").ClickAsync();
        await editor.Locator("[data-part=agent-save]").ClickAsync();

        await Expect(page.Locator("[data-part=note]")).ToContainTextAsync("'erin' was created", new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=field-error]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-agent-empty-skill-row.png") });
        Assert.Empty(Service.GetAgent("erin")!.Skills);
    }

    [Fact]
    public async Task The_error_summaries_list_the_fields_in_form_order()
    {
        var page = await OpenAsync("admin/agents");
        await page.ClickAsync("[data-part=agent-new]", new() { Timeout = Patience });
        var agentEditor = page.Locator("[data-part=agent-editor]");
        await agentEditor.Locator("[data-part=agent-save]").ClickAsync();
        var items = page.Locator("[data-part=error-summary] li .admin-summary-field");
        await Expect(items).ToHaveTextAsync(["Username", "Display name", "Password"], new() { Timeout = Patience });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-agent-error-order.png") });

        await page.GotoAsync("admin/queues");
        await page.ClickAsync("[data-part=queue-new]", new() { Timeout = Patience });
        var queueEditor = page.Locator("[data-part=queue-editor]");
        await queueEditor.Locator("[data-part=required-skill-add]").ClickAsync();
        await Field(queueEditor, "requiredSkills[0].minimumLevel").FillAsync("11");
        await queueEditor.Locator("[data-part=queue-save]").ClickAsync();
        await Expect(items).ToHaveTextAsync(
            ["Name", "Display name", "Required skill 1 · skill", "Required skill 1 · minimum level"], new() { Timeout = Patience });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-queue-error-order.png") });
    }

    private async Task<IPage> OpenAsync(string path)
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await BrowserFixture.SignInAsync(context, "admin", patience: Patience);
        await page.GotoAsync(path);
        return page;
    }

    private static ILocator Field(ILocator editor, string field) => editor.Locator($":is(input, select, textarea)[data-field='{field}']");

    private AdminService Service => Server.Services.GetRequiredService<AdminService>();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
