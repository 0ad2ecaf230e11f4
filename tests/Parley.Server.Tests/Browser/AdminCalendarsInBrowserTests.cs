using Microsoft.Playwright;
using Parley.Server.Admin;
using Parley.Server.Tests.Calendars;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Browser;

/// <summary>The admin pages for business calendars, and a queue's calendar and policies, as an admin uses them.</summary>
public sealed class AdminCalendarsInBrowserTests(BrowserFixture browser) : ServerPerTest, IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    [Fact]
    public async Task An_admin_creates_a_calendar_fixing_an_overlap_imports_holidays_and_gives_a_queue_the_calendar()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await BrowserFixture.SignInAsync(context, "admin", patience: Patience);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.ClickAsync("[data-part=nav-calendars]");
        await page.WaitForURLAsync("**/admin/calendars");
        await Expect(page.Locator("[data-part=calendar-item][data-calendar=office-hours]")).ToContainTextAsync("billing", new() { Timeout = Patience });

        // A night desk in New York: Monday 22:00–06:00, and a second interval that overlaps it on Tuesday morning.
        await page.ClickAsync("[data-part=calendar-new]");
        var editor = page.Locator("[data-part=calendar-editor]");
        await Field(editor, "name").FillAsync("night-desk");
        await Field(editor, "timeZone").FillAsync("America/New_York");
        await Field(editor, "weekly[0].open").FillAsync("22:00");
        await Field(editor, "weekly[0].close").FillAsync("06:00");
        await editor.Locator("[data-part=weekly-add]").ClickAsync();
        await Field(editor, "weekly[1].open").FillAsync("05:00");
        await Field(editor, "weekly[1].close").FillAsync("07:00");
        await editor.Locator("[data-part=exception-add]").ClickAsync();
        await Field(editor, "exceptions[0].from").FillAsync("2026-12-24");
        await Field(editor, "exceptions[0].to").FillAsync("2026-12-24");
        await Field(editor, "exceptions[0].hours").FillAsync("18:00-23:00");
        await Field(editor, "exceptions[0].reason").FillAsync("Christmas Eve <b>short</b>");
        await editor.Locator("[data-part=calendar-save]").ClickAsync();

        await Expect(editor.Locator("[data-part=field-error][data-field='weekly[1]']")).ToContainTextAsync("Overlaps monday 22:00–06:00", new() { Timeout = Patience });
        Assert.Null(Service.GetCalendar("night-desk"));
        await WholePageAsync(page, "admin-calendar-overlap.png");

        // Fixed: the second interval is on Wednesday.
        await Field(editor, "weekly[1].day").SelectOptionAsync("Wednesday");
        await editor.Locator("[data-part=calendar-save]").ClickAsync();
        await Expect(page.Locator("[data-part=note]")).ToContainTextAsync("'night-desk' was created", new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=field-error]")).ToHaveCountAsync(0);
        var saved = Service.GetCalendar("night-desk")!;
        Assert.Equal([(DayOfWeek.Monday, "22:00", "06:00"), (DayOfWeek.Wednesday, "05:00", "07:00")],
            saved.Weekly.Select(w => (w.Day, $"{w.Open:HH:mm}", $"{w.Close:HH:mm}")));
        Assert.Equal("Christmas Eve <b>short</b>", saved.Exceptions[0].Reason);

        // Holidays from an .ics file: a yearly New Year's Day.
        var ics = Path.Combine(Server.DataDirectory, "holidays.ics");
        await File.WriteAllTextAsync(ics, CalendarImportTests.Ics(CalendarImportTests.Event("20200101", "20200102", "New Year's Day", allDay: true, "RRULE:FREQ=YEARLY")));
        editor = page.Locator("[data-part=calendar-editor][data-calendar=night-desk]");
        await editor.Locator("[data-part=calendar-import] input[type=file]").SetInputFilesAsync(ics);
        await Expect(page.Locator("[data-part=note]")).ToContainTextAsync("Imported holidays.ics", new() { Timeout = Patience });
        await Expect(editor.Locator("[data-part=holiday-row]")).ToHaveCountAsync(3);
        await Expect(Field(editor, "holidays[0].name")).ToHaveValueAsync("New Year's Day");
        Assert.Equal(0, await editor.Locator("b:text('short')").CountAsync());
        await WholePageAsync(page, "admin-calendar-imported.png");
        await page.SetViewportSizeAsync(820, 900);
        await WholePageAsync(page, "admin-calendar-imported-narrow.png");
        await page.SetViewportSizeAsync(1280, 900);

        // The billing queue takes the new calendar and hides its launcher while closed.
        await page.ClickAsync("[data-part=nav-queues]");
        await page.ClickAsync("[data-part=queue-item][data-queue=billing]");
        var queue = page.Locator("[data-part=queue-editor]");
        await Expect(QueueField(queue, "calendar")).ToHaveValueAsync("office-hours", new() { Timeout = Patience });
        await Expect(QueueField(queue, "closedPolicy")).ToHaveValueAsync("message");
        await QueueField(queue, "calendar").SelectOptionAsync("night-desk");
        await QueueField(queue, "closedPolicy").SelectOptionAsync("hide");
        await queue.Locator("[data-part=queue-save]").ClickAsync();
        await Expect(page.Locator("[data-part=note]")).ToContainTextAsync("saved", new() { Timeout = Patience });
        await Expect(page.Locator("[data-part=queue-item][data-queue=billing] [data-part=queue-calendar]")).ToHaveTextAsync("hours: night-desk");
        var billing = Service.GetQueue("billing")!;
        Assert.Equal(("night-desk", Contracts.AvailabilityPolicy.Hide, Contracts.AvailabilityPolicy.Queue), (billing.Calendar, billing.ClosedPolicy, billing.NoAgentsPolicy));
        await queue.Locator("[data-part=queue-availability]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-queue-availability.png") });

        // A calendar in use cannot be deleted; the refusal names the queue.
        await page.ClickAsync("[data-part=nav-calendars]");
        await page.ClickAsync("[data-part=calendar-item][data-calendar=night-desk]");
        await page.ClickAsync("[data-part=calendar-delete]");
        await page.ClickAsync("[data-part=calendar-delete-confirm-button]");
        await Expect(page.Locator("[data-part=admin-refusal]")).ToContainTextAsync("billing", new() { Timeout = Patience });
        Assert.NotNull(Service.GetCalendar("night-desk"));
        Assert.Empty(errors);
    }

    private static async Task WholePageAsync(IPage page, string file)
    {
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        var size = page.ViewportSize!;
        await page.SetViewportSizeAsync(size.Width, Math.Max(height, size.Height));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, file) });
        await page.SetViewportSizeAsync(size.Width, size.Height);
    }

    private static ILocator Field(ILocator editor, string field) => editor.Locator($":is(input, select, textarea)[data-field='{field}']");

    private static ILocator QueueField(ILocator editor, string field) => Field(editor, field);

    private AdminService Service => Server.Services.GetRequiredService<AdminService>();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
