using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Admin;

/// <summary>Announcements through the admin REST API on one shared demo server (SQLite); every test uses queues of its own.</summary>
public sealed class AdminAnnouncementApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ParleyServer _server = fixture.Server;

    [Fact]
    public async Task An_announcement_is_created_read_listed_replaced_and_deleted_in_its_wire_shape()
    {
        using var admin = await AdminClientAsync(_server);
        await CreateQueueAsync(admin, "ann-crud");

        var created = await admin.PostAsJsonAsync("api/v1/admin/announcements",
            new { queue = "ann-crud", text = "High volume today — expect longer waits", startsAt = "2020-01-01T09:00:00+01:00", endsAt = "2999-01-01T00:00:00Z" });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString();
        var read = await admin.GetFromJsonAsync<JsonElement>($"api/v1/admin/announcements/{id}");
        var listed = await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/announcements?queue=ann-crud");
        var all = await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/announcements");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/admin/announcements/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(["id", "queue", "text", "startsAt", "endsAt", "state"], read.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("ann-crud", "High volume today — expect longer waits", "showing"),
            (read.GetProperty("queue").GetString(), read.GetProperty("text").GetString(), read.GetProperty("state").GetString()));
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 8, 0, 0, TimeSpan.Zero), read.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(TimeSpan.Zero, read.GetProperty("startsAt").GetDateTimeOffset().Offset); // kept in UTC
        Assert.Equal(id, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetString());
        Assert.Contains(all.EnumerateArray(), a => a.GetProperty("id").GetString() == id);

        var replaced = await admin.PutAsJsonAsync($"api/v1/admin/announcements/{id}", new { queue = "ann-crud", text = "Back to normal tomorrow", startsAt = "2999-01-01T00:00:00Z" });
        var after = await replaced.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(("Back to normal tomorrow", "scheduled", JsonValueKind.Null),
            (after.GetProperty("text").GetString(), after.GetProperty("state").GetString(), after.GetProperty("endsAt").ValueKind));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/v1/admin/announcements/{id}")).StatusCode);
        await CustomerApiTests.AssertProblemAsync(await admin.GetAsync($"api/v1/admin/announcements/{id}"), HttpStatusCode.NotFound, id);
        await CustomerApiTests.AssertProblemAsync(await admin.DeleteAsync($"api/v1/admin/announcements/{id}"), HttpStatusCode.NotFound);
        await CustomerApiTests.AssertProblemAsync(await admin.PutAsJsonAsync($"api/v1/admin/announcements/{id}", new { queue = "ann-crud", text = "Gone" }), HttpStatusCode.NotFound);
        await CustomerApiTests.AssertProblemAsync(await admin.GetAsync("api/v1/admin/announcements?queue=no-such-queue"), HttpStatusCode.NotFound, "no-such-queue");
    }

    [Fact]
    public async Task An_invalid_announcement_is_refused_naming_each_field_and_nothing_is_stored()
    {
        using var admin = await AdminClientAsync(_server);
        await CreateQueueAsync(admin, "ann-invalid");

        var response = await admin.PostAsJsonAsync("api/v1/admin/announcements",
            new { queue = "no-such-queue", text = "two\nlines", startsAt = "2026-12-07T10:00:00", endsAt = "2026-12-07T09:00:00Z" });
        var reversed = await admin.PostAsJsonAsync("api/v1/admin/announcements",
            new { queue = "ann-invalid", text = new string('x', 501), startsAt = "2026-12-07T10:00:00Z", endsAt = "2026-12-07T09:00:00Z" });

        var problem = await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "no-such-queue");
        Assert.Equal(["queue", "startsAt", "text"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var second = await CustomerApiTests.AssertProblemAsync(reversed, HttpStatusCode.BadRequest);
        Assert.Equal(["endsAt", "text"], second.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/announcements?queue=ann-invalid")).GetArrayLength());
    }

    [Fact]
    public async Task An_agent_gets_403_a_supervisor_reads_and_only_an_admin_changes_them()
    {
        using var admin = await AdminClientAsync(_server);
        await CreateQueueAsync(admin, "ann-rights");
        var id = (await (await admin.PostAsJsonAsync("api/v1/admin/announcements", new { queue = "ann-rights", text = "Hello" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var agent = _server.CreateClient(await _server.LoginAsync("bob"));
        using var supervisor = _server.CreateClient(await _server.LoginAsync("alice"));
        using var anonymous = _server.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("api/v1/admin/announcements")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("api/v1/admin/announcements", new { queue = "ann-rights", text = "Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/admin/announcements")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("api/v1/admin/announcements?queue=ann-rights")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("api/v1/admin/announcements", new { queue = "ann-rights", text = "Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync($"api/v1/admin/announcements/{id}", new { queue = "ann-rights", text = "Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.DeleteAsync($"api/v1/admin/announcements/{id}")).StatusCode);
        var left = await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/announcements?queue=ann-rights");
        Assert.Equal("Hello", Assert.Single(left.EnumerateArray()).GetProperty("text").GetString());
    }

    /// <summary>Admin client of the demo's admin account.</summary>
    internal static async Task<HttpClient> AdminClientAsync(IParleyAddress server) => server.CreateClient(await server.LoginAsync("admin"));

    internal static async Task CreateQueueAsync(HttpClient admin, string name)
    {
        var response = await admin.PutAsJsonAsync($"api/v1/admin/queues/{name}", new { displayName = "Queue " + name });
        Assert.True(response.IsSuccessStatusCode, $"PUT queue {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    internal static async Task<string> AnnounceAsync(HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("api/v1/admin/announcements", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST announcement: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
