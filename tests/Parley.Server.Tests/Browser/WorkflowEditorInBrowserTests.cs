using Microsoft.Playwright;
using Parley.Server.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>The queue page's workflow editor: edit, see the preview (encoded), save, see the version go up.</summary>
public sealed class WorkflowEditorInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task An_admin_edits_the_workflow_sees_the_preview_and_each_save_makes_a_new_version()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await BrowserFixture.SignInAsync(context, "admin", patience: Patience);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync("admin/queues");
        await page.ClickAsync("[data-part=queue-item][data-queue=support]", new() { Timeout = Patience });
        var editor = page.Locator("[data-part=queue-editor]");
        var workflow = editor.Locator("[data-part=queue-workflow]");
        var preview = workflow.Locator("[data-part=workflow-preview]");
        await Expect(workflow.Locator("[data-part=workflow-version]")).ToHaveTextAsync("version 1", new() { Timeout = Patience }); // the demo's own workflow

        await Field(workflow, "workflow.agentJoined").FillAsync("{agent.name} <b>is here</b> for {customer.name}.");
        await Field(workflow, "workflow.closing").FillAsync("Thanks for visiting {queue.name}.");
        await Field(workflow, "workflow.customerInactivity").CheckAsync();
        await Field(workflow, "workflow.customerInactivity.warnAfterSeconds").FillAsync("90");
        await Field(workflow, "workflow.customerInactivity.warning").FillAsync("Still with us, {customer.name}?");
        await Field(workflow, "workflow.agentInactivity").CheckAsync();
        await Field(workflow, "workflow.survey.enabled").CheckAsync();
        await Field(workflow, "workflow.survey.question").FillAsync("Rate us, please");

        await Expect(preview.Locator("[data-part=preview-greeting]")).ToHaveTextAsync("Welcome to Northwind support! An agent will be with you shortly.");
        await Expect(preview.Locator("[data-part=preview-joined]")).ToHaveTextAsync("Sam <b>is here</b> for Alex.");
        await Expect(preview.Locator("[data-part=preview-warning]")).ToContainTextAsync("Still with us, Alex?");
        await Expect(preview.Locator("[data-part=preview-warning]")).ToContainTextAsync("after 90 s");
        await Expect(preview.Locator("[data-part=preview-closing]")).ToHaveTextAsync("Thanks for visiting Customer support.");
        await Expect(preview.Locator("[data-part=preview-survey]")).ToContainTextAsync("Rate us, please");
        Assert.Equal(0, await preview.Locator("b").CountAsync());
        await WholePageAsync(page, "admin-queue-workflow-preview.png");

        await editor.Locator("[data-part=queue-save]").ClickAsync();
        await Expect(page.Locator("[data-part=note]")).ToContainTextAsync("saved", new() { Timeout = Patience });
        var version = workflow.Locator("[data-part=workflow-version]");
        await Expect(version).ToHaveTextAsync("version 2", new() { Timeout = Patience });

        // An unknown placeholder is refused, naming the field; fixed, the next save is version 3.
        await Field(workflow, "workflow.closing").FillAsync("Bye {customer.email}.");
        await editor.Locator("[data-part=queue-save]").ClickAsync();
        await Expect(workflow.Locator("[data-part=field-error][data-field='workflow.closing']")).ToContainTextAsync("{customer.email}", new() { Timeout = Patience });
        await Field(workflow, "workflow.closing").FillAsync("Bye, {customer.name}.");
        await editor.Locator("[data-part=queue-save]").ClickAsync();
        await Expect(version).ToHaveTextAsync("version 3", new() { Timeout = Patience });
        await WholePageAsync(page, "admin-queue-workflow-saved.png");

        var saved = Server.Services.GetRequiredService<AdminService>().GetQueue("support")!.Workflow;
        Assert.Equal((3, "{agent.name} <b>is here</b> for {customer.name}.", "Bye, {customer.name}."), (saved.Version, saved.AgentJoined, saved.Closing));
        Assert.Equal((90, "Still with us, {customer.name}?"), (saved.CustomerInactivity!.WarnAfterSeconds, saved.CustomerInactivity.Warning));
        Assert.Equal((60, true, "Rate us, please"), (saved.AgentInactivity!.AlertAfterSeconds, saved.Survey.Enabled, saved.Survey.Question));
        Assert.Empty(errors);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static ILocator Field(ILocator scope, string field) => scope.Locator($":is(input, select, textarea)[data-field='{field}']");

    private static async Task WholePageAsync(IPage page, string file)
    {
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        var size = page.ViewportSize!;
        await page.SetViewportSizeAsync(size.Width, Math.Max(height, size.Height));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, file) });
        await page.SetViewportSizeAsync(size.Width, size.Height);
    }
}
