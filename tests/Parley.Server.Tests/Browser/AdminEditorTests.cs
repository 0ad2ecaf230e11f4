using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Parley.Routing;
using Parley.Server.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>The admin pages for queues and agents, as an admin uses them.</summary>
public sealed class AdminEditorTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;
    private const string DanaPassword = "dana-secret-password";

    [Fact]
    public async Task An_admin_creates_a_queue_fixing_a_field_error_then_an_agent_who_serves_it()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await SignInAsync(context, "admin");
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        // From the top bar to the queues.
        await page.ClickAsync("[data-part=nav-queues]");
        await page.WaitForURLAsync("**/admin/queues");
        await Expect(page.Locator("[data-part=queue-item][data-queue=support]")).ToBeVisibleAsync(new() { Timeout = Patience });

        // A new queue with a choice question, a required skill at level 11 (too high) and best skill match.
        await page.ClickAsync("[data-part=queue-new]");
        var editor = page.Locator("[data-part=queue-editor]");
        await Field(editor, "name").FillAsync("vip");
        await Field(editor, "displayName").FillAsync("VIP <b>customers</b>");
        await Field(editor, "welcome").FillAsync("Welcome, valued customer.");
        await editor.Locator("[data-part=question-add]").ClickAsync();
        await Field(editor, "questions[0].id").FillAsync("plan");
        await Field(editor, "questions[0].label").FillAsync("Your plan");
        await Field(editor, "questions[0].type").SelectOptionAsync("choice");
        await Field(editor, "questions[0].options").FillAsync("Gold\nSilver");
        await editor.Locator("[data-part=required-skill-add]").ClickAsync();
        await Field(editor, "requiredSkills[0].skill").FillAsync("lang:nl");
        await Field(editor, "requiredSkills[0].minimumLevel").FillAsync("11");
        await Field(editor, "strategy").SelectOptionAsync("bestSkillMatch");
        await editor.Locator("[data-part=queue-save]").ClickAsync();

        var levelError = editor.Locator("[data-part=field-error][data-field='requiredSkills[0].minimumLevel']");
        await Expect(levelError).ToContainTextAsync("1–10", new() { Timeout = Patience });
        await Expect(editor.Locator("[data-part=error-summary]")).ToContainTextAsync("Required skill 1 · minimum level");
        await Expect(Field(editor, "requiredSkills[0].minimumLevel")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\binvalid\b"));
        Assert.Null(Service.GetQueue("vip"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-queue-field-error-viewport.png") });
        await WholePageAsync(page, "admin-queue-field-error.png");

        // Fixed and saved: the queue is listed, routing and the customer API know it.
        await Field(editor, "requiredSkills[0].minimumLevel").FillAsync("3");

        // Gold customers go first; after two minutes the Dutch requirement is dropped.
        await editor.Locator("[data-part=answer-rule-add]").ClickAsync();
        await Field(editor, "answerRules[0].question").SelectOptionAsync("plan");
        await Field(editor, "answerRules[0].answer").FillAsync("Gold");
        await Field(editor, "answerRules[0].priority").FillAsync("10");
        await editor.Locator("[data-part=relaxation-add]").ClickAsync();
        await Field(editor, "relaxation[0].afterSeconds").FillAsync("120");
        await Field(editor, "relaxation[0].skill").SelectOptionAsync("lang:nl");
        await Expect(Field(editor, "relaxation[0].minimumLevel")).ToHaveValueAsync("");
        await editor.Locator("[data-part=queue-save]").ClickAsync();
        await Expect(page.Locator("[data-part=note]")).ToContainTextAsync("'vip' was created", new() { Timeout = Patience });
        var item = page.Locator("[data-part=queue-item][data-queue=vip]");
        await Expect(item).ToContainTextAsync("VIP <b>customers</b>");
        await Expect(item).ToContainTextAsync("Best skill match");
        Assert.Equal(0, await item.Locator("b:text('customers')").CountAsync());
        await Expect(page.Locator("[data-part=field-error]")).ToHaveCountAsync(0);
        await WholePageAsync(page, "admin-queue-saved.png");
        await page.SetViewportSizeAsync(820, 900);
        await WholePageAsync(page, "admin-queue-saved-narrow.png");
        await page.SetViewportSizeAsync(1280, 900);

        var saved = Service.GetQueue("vip");
        Assert.NotNull(saved);
        Assert.Equal(RoutingStrategy.BestSkillMatch, saved.Strategy);
        var requirement = Assert.Single(saved.RequiredSkills);
        Assert.Equal(("lang:nl", 3), (requirement.Skill, requirement.MinimumLevel));
        var rule = Assert.Single(saved.AnswerRules);
        Assert.Equal(("plan", "Gold", null, 10), (rule.Question, rule.Answer, rule.Skill, rule.Priority));
        var step = Assert.Single(saved.Relaxation);
        Assert.Equal((120, "lang:nl", (int?)null), (step.AfterSeconds, step.Skill, step.MinimumLevel));

        using (var client = Server.CreateClient())
        {
            using var response = await client.GetAsync("api/v1/queues/vip");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var info = await response.Content.ReadFromJsonAsync<QueueInfo>(TestJson.Options);
            Assert.NotNull(info);
            Assert.Equal("VIP <b>customers</b>", info.DisplayName);
            Assert.Equal("Welcome, valued customer.", info.Welcome);
            var question = Assert.Single(info.Questions);
            Assert.Equal(("plan", "choice"), (question.Id, question.Type));
            Assert.Equal(["Gold", "Silver"], question.Options);
        }

        // An agent with a skill who serves the new queue as a backup.
        await page.ClickAsync("[data-part=nav-agents]");
        await page.WaitForURLAsync("**/admin/agents");
        await page.ClickAsync("[data-part=agent-new]", new() { Timeout = Patience });
        var agentEditor = page.Locator("[data-part=agent-editor]");
        await Field(agentEditor, "username").FillAsync("dana");
        await Field(agentEditor, "displayName").FillAsync("Dana Diaz");
        await Field(agentEditor, "password").FillAsync(DanaPassword);
        await Field(agentEditor, "capacity").FillAsync("2");
        await agentEditor.Locator("[data-part=agent-skill-add]").ClickAsync();
        await Field(agentEditor, "skills[0].skill").FillAsync("lang:nl");
        await Field(agentEditor, "skills[0].level").FillAsync("5");
        var membership = agentEditor.Locator("[data-part=agent-queue][data-queue=vip]");
        await membership.Locator("[data-part=agent-queue-member]").CheckAsync();
        await Expect(membership.Locator("[data-part=agent-queue-priority]")).ToBeEnabledAsync(new() { Timeout = Patience });
        await membership.Locator("[data-part=agent-queue-priority]").SelectOptionAsync("2");
        await WholePageAsync(page, "admin-agent-new.png");
        await agentEditor.Locator("[data-part=agent-save]").ClickAsync();

        await Expect(page.Locator("[data-part=note]")).ToContainTextAsync("'dana' was created", new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=agent-item][data-agent=dana]")).ToContainTextAsync("Dana Diaz");
        await Expect(Field(page.Locator("[data-part=agent-editor]"), "password")).ToHaveValueAsync("");
        await WholePageAsync(page, "admin-agent-saved.png");

        var dana = Service.GetAgent("dana");
        Assert.NotNull(dana);
        Assert.Equal(["agent"], dana.Roles);
        Assert.Equal(2, dana.Capacity);
        Assert.Equal(["vip"], dana.Queues);
        Assert.Equal(2, dana.QueuePriorities.GetValueOrDefault("vip", 1));
        var skill = Assert.Single(dana.Skills);
        Assert.Equal(("lang:nl", 5), (skill.Skill, skill.Level));
        Assert.False(string.IsNullOrEmpty(await Server.LoginAsync("dana", DanaPassword)));

        // Deleting the queue asks first, and is refused while Dana is a member.
        await page.ClickAsync("[data-part=nav-queues]");
        await page.ClickAsync("[data-part=queue-item][data-queue=vip]", new() { Timeout = Patience });
        await page.ClickAsync("[data-part=queue-delete]");
        await Expect(page.Locator("[data-part=queue-delete-confirm]")).ToContainTextAsync("cannot be undone");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-queue-delete-confirm.png") });
        await page.ClickAsync("[data-part=queue-delete-confirm-button]");
        await Expect(page.Locator("[data-part=admin-refusal]")).ToContainTextAsync("dana", new() { Timeout = Patience });
        Assert.NotNull(Service.GetQueue("vip"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-queue-delete-refused.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_supervisor_who_is_not_an_admin_gets_neither_the_links_nor_the_editors()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString() });
        var page = await SignInAsync(context, "alice");
        await Expect(page.Locator(".topnav")).ToContainTextAsync("Admin");
        await Expect(page.Locator("[data-part=nav-queues]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-part=nav-agents]")).ToHaveCountAsync(0);

        foreach (var path in new[] { "admin/queues", "admin/agents" })
        {
            await page.GotoAsync(path);
            await page.WaitForURLAsync("**/agent/login**", new() { Timeout = Patience });
            await Expect(page.Locator(".notice")).ToContainTextAsync("cannot open this page");
            Assert.Equal(0, await page.Locator("[data-part=queue-editor], [data-part=agent-editor], [data-part=queue-list], [data-part=agent-list]").CountAsync());
        }
    }

    /// <summary>
    /// The whole page in a viewport as tall as the page: a FullPage screenshot of a scrolled page leaves the sticky
    /// top bar, list and action bar where the viewport was.
    /// </summary>
    private static async Task WholePageAsync(IPage page, string file)
    {
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        var size = page.ViewportSize!;
        await page.SetViewportSizeAsync(size.Width, Math.Max(height, size.Height));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, file) });
        await page.SetViewportSizeAsync(size.Width, size.Height);
    }

    /// <summary>The input of a setting (its error messages carry the same data-field).</summary>
    private static ILocator Field(ILocator editor, string field) => editor.Locator($":is(input, select, textarea)[data-field='{field}']");

    private AdminService Service => Server.Services.GetRequiredService<AdminService>();

    private static Task<IPage> SignInAsync(IBrowserContext context, string username) => BrowserFixture.SignInAsync(context, username, patience: Patience);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
