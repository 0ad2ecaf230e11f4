using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parley.Server.Tests.Calendars;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Admin;

/// <summary>Business calendars through the admin REST API on one shared demo server; every test uses names of its own.</summary>
public sealed class AdminCalendarApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ParleyServer _server = fixture.Server;

    private static readonly object Office = new
    {
        timeZone = "Europe/Amsterdam",
        weekly = new object[]
        {
            new { day = "monday", open = "09:00", close = "17:00" },
            new { day = "friday", open = "22:00", close = "06:00" },
        },
        exceptions = new object[] { new { from = "2026-12-24", to = "2026-12-24", reason = "Christmas Eve", hours = new[] { new { open = "09:00", close = "13:00" } } } },
        holidays = new object[] { new { date = "2026-12-25", name = "Christmas Day" } },
    };

    [Fact]
    public async Task A_calendar_is_created_read_listed_replaced_and_deleted_in_its_wire_shape()
    {
        using var admin = await AdminClientAsync();

        var created = await admin.PutAsJsonAsync("api/v1/admin/calendars/office-crud", Office);
        var read = await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/calendars/office-crud");
        var listed = await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/calendars");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/admin/calendars/office-crud", created.Headers.Location!.OriginalString);
        Assert.Equal("office-crud", read.GetProperty("name").GetString());
        Assert.True(JsonElement.DeepEquals(JsonSerializer.SerializeToElement(Office, JsonSerializerOptions.Web).GetProperty("weekly"), read.GetProperty("weekly")));
        Assert.Equal("13:00", read.GetProperty("exceptions")[0].GetProperty("hours")[0].GetProperty("close").GetString());
        Assert.Equal("2026-12-25", read.GetProperty("holidays")[0].GetProperty("date").GetString());
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("name").GetString() == "office-crud");

        var replaced = await admin.PostAsJsonAsync("api/v1/admin/calendars/office-crud", new { name = "office-crud", timeZone = "America/New_York" });
        var after = await replaced.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(("America/New_York", 0, 0), (after.GetProperty("timeZone").GetString(), after.GetProperty("weekly").GetArrayLength(), after.GetProperty("holidays").GetArrayLength()));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("api/v1/admin/calendars/office-crud")).StatusCode);
        await CustomerApiTests.AssertProblemAsync(await admin.GetAsync("api/v1/admin/calendars/office-crud"), HttpStatusCode.NotFound, "office-crud");
        await CustomerApiTests.AssertProblemAsync(await admin.DeleteAsync("api/v1/admin/calendars/office-crud"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_invalid_calendar_is_refused_naming_each_field()
    {
        using var admin = await AdminClientAsync();

        var response = await admin.PutAsJsonAsync("api/v1/admin/calendars/office-invalid", new
        {
            timeZone = "Europe/Atlantis",
            weekly = new object[] { new { day = "monday", open = "09:00", close = "17:00" }, new { day = "monday", open = "12:00", close = "13:00" } },
            exceptions = new object[] { new { from = "2026-12-31", to = "2026-12-01" } },
        });

        var problem = await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["exceptions[0].to", "timeZone", "weekly[1]"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("api/v1/admin/calendars/office-invalid")).StatusCode);
    }

    [Fact]
    public async Task A_queue_takes_a_calendar_and_both_policies_and_an_unknown_calendar_is_named()
    {
        using var admin = await AdminClientAsync();
        await PutAsync(admin, "api/v1/admin/calendars/office-queue", Office);

        var unknown = await admin.PutAsJsonAsync("api/v1/admin/queues/hours-unknown", new { displayName = "Hours", calendar = "no-such-calendar" });
        var saved = await admin.PutAsJsonAsync("api/v1/admin/queues/hours-queue", new { displayName = "Hours", calendar = "office-queue", closedPolicy = "message", noAgentsPolicy = "hide" });
        var read = await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/queues/hours-queue");
        var plain = await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/queues/support");

        var problem = await CustomerApiTests.AssertProblemAsync(unknown, HttpStatusCode.BadRequest, "no-such-calendar");
        Assert.True(problem.GetProperty("errors").TryGetProperty("calendar", out _));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal(("office-queue", "message", "hide"), (read.GetProperty("calendar").GetString(), read.GetProperty("closedPolicy").GetString(), read.GetProperty("noAgentsPolicy").GetString()));
        Assert.Equal((JsonValueKind.Null, "queue", "queue"), (plain.GetProperty("calendar").ValueKind, plain.GetProperty("closedPolicy").GetString(), plain.GetProperty("noAgentsPolicy").GetString()));

        // A calendar in use cannot go; the answer names the queue that uses it.
        await CustomerApiTests.AssertProblemAsync(await admin.DeleteAsync("api/v1/admin/calendars/office-queue"), HttpStatusCode.Conflict, "hours-queue");
        await PutAsync(admin, "api/v1/admin/queues/hours-queue", new { displayName = "Hours" });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("api/v1/admin/calendars/office-queue")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("api/v1/admin/queues/hours-queue")).StatusCode);
    }

    [Fact]
    public async Task An_ics_file_is_imported_into_a_calendar()
    {
        using var admin = await AdminClientAsync();
        await PutAsync(admin, "api/v1/admin/calendars/office-import", Office);
        var ics = CalendarImportTests.Ics(
            CalendarImportTests.Event("20200101", "20200102", "New Year's Day", allDay: true, "RRULE:FREQ=YEARLY"),
            CalendarImportTests.Event("20261225", "20261227", "Christmas", allDay: true));

        var imported = await admin.PostAsync("api/v1/admin/calendars/office-import/import", new StringContent(ics, Encoding.UTF8, "text/calendar"));
        var calendar = await imported.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var holidays = calendar.GetProperty("holidays").EnumerateArray().Select(h => h.GetProperty("date").GetString()).ToList();
        Assert.Contains("2027-01-01", holidays);
        Assert.DoesNotContain("2026-12-25", holidays); // replaced by the file's two-day closure
        var christmas = calendar.GetProperty("exceptions").EnumerateArray().Single(e => e.GetProperty("reason").GetString() == "Christmas");
        Assert.Equal(("2026-12-25", "2026-12-26"), (christmas.GetProperty("from").GetString(), christmas.GetProperty("to").GetString()));
        Assert.Equal("Christmas Eve", calendar.GetProperty("exceptions")[0].GetProperty("reason").GetString()); // kept
    }

    [Fact]
    public async Task A_malformed_file_another_media_type_or_an_unknown_calendar_is_refused()
    {
        using var admin = await AdminClientAsync();
        await PutAsync(admin, "api/v1/admin/calendars/office-bad-import", Office);

        var malformed = await admin.PostAsync("api/v1/admin/calendars/office-bad-import/import", new StringContent("BEGIN:NOTHING", Encoding.UTF8, "text/calendar"));
        var json = await admin.PostAsJsonAsync("api/v1/admin/calendars/office-bad-import/import", new { });
        var unknown = await admin.PostAsync("api/v1/admin/calendars/no-such-calendar/import", new StringContent(CalendarImportTests.Ics(), Encoding.UTF8, "text/calendar"));
        var tooLarge = await admin.PostAsync("api/v1/admin/calendars/office-bad-import/import",
            new StringContent(CalendarImportTests.Ics(CalendarImportTests.Event("20261225", "20261226", new string('x', 300 * 1024), allDay: true)), Encoding.UTF8, "text/calendar"));

        var problem = await CustomerApiTests.AssertProblemAsync(malformed, HttpStatusCode.BadRequest, "iCalendar");
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        await CustomerApiTests.AssertProblemAsync(unknown, HttpStatusCode.NotFound, "no-such-calendar");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
    }

    [Fact]
    public async Task A_supervisor_reads_calendars_but_only_an_admin_changes_them()
    {
        using var supervisor = _server.CreateClient(await _server.LoginAsync("alice"));

        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("api/v1/admin/calendars")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync("api/v1/admin/calendars/office-supervisor", Office)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync("api/v1/admin/calendars/office-hours/import", new StringContent(CalendarImportTests.Ics(), Encoding.UTF8, "text/calendar"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.DeleteAsync("api/v1/admin/calendars/office-hours")).StatusCode);
    }

    [Fact]
    public async Task Saving_and_deleting_a_calendar_tells_the_catalogs_listeners_which_one_changed()
    {
        using var admin = await AdminClientAsync();
        var catalog = _server.Services.GetRequiredService<Parley.Server.Queues.CalendarCatalog>();
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Changed(object? sender, Parley.Server.Queues.CalendarsChangedEventArgs e)
        {
            foreach (var name in e.Names.Where(n => n == "office-events"))
            {
                seen.Enqueue(name);
            }
        }

        catalog.Changed += Changed;
        try
        {
            await PutAsync(admin, "api/v1/admin/calendars/office-events", Office);
            await PutAsync(admin, "api/v1/admin/calendars/office-events", Office); // the same again: nothing changed
            await PutAsync(admin, "api/v1/admin/calendars/office-events", new { timeZone = "UTC" });
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("api/v1/admin/calendars/office-events")).StatusCode);
        }
        finally
        {
            catalog.Changed -= Changed;
        }

        Assert.Equal(3, seen.Count); // created, changed, deleted
        Assert.Null(catalog.Find("office-events"));
    }

    [Fact]
    public async Task The_demo_has_a_third_queue_with_office_hours_and_support_and_sales_have_none()
    {
        using var admin = await AdminClientAsync();

        var queues = await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/queues");
        var calendar = await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/calendars/office-hours");

        var byName = queues.EnumerateArray().ToDictionary(q => q.GetProperty("name").GetString()!, q => q.GetProperty("calendar"));
        Assert.Equal("office-hours", byName["billing"].GetString());
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (byName["support"].ValueKind, byName["sales"].ValueKind));
        Assert.Equal("Europe/Amsterdam", calendar.GetProperty("timeZone").GetString());
    }

    private async Task<HttpClient> AdminClientAsync() => _server.CreateClient(await _server.LoginAsync("admin"));

    private static async Task PutAsync(HttpClient client, string url, object body)
    {
        var response = await client.PutAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, $"PUT {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
