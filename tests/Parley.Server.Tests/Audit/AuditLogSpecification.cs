using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Audit;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Audit;

/// <summary>
/// <c>GET /api/v1/admin/audit</c> against the real server on every provider (<see cref="SqliteAuditLogTests"/>,
/// <see cref="PostgresAuditLogTests"/>): every admin change is logged with who, what, when and the settings before and
/// after, never a password or secret; admins read and export it, nobody else.
/// </summary>
public abstract class AuditLogSpecification : IAsyncLifetime
{
    private const string Audit = "api/v1/admin/audit";
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private TestDatabase? _database;
    private ParleyServer? _server;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private ParleyServer Server => _server!;

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _server = new ParleyServer(settings: _database.ServerSettings(), time: _time);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_queues_life_is_logged_with_who_when_and_its_settings_before_and_after()
    {
        using var admin = await ClientAsync("admin");

        await SucceedsAsync(admin.PutAsJsonAsync("api/v1/admin/queues/audited", new { displayName = "Audited", offerTimeoutSeconds = 20 }));
        _time.Advance(TimeSpan.FromMinutes(1));
        await SucceedsAsync(admin.PutAsJsonAsync("api/v1/admin/queues/audited", new { displayName = "Audited <b>queue</b>", offerTimeoutSeconds = 45 }));
        _time.Advance(TimeSpan.FromMinutes(1));
        await SucceedsAsync(admin.DeleteAsync("api/v1/admin/queues/audited"));
        var page = await admin.GetFromJsonAsync<AuditPage>($"{Audit}?subject=queue:audited", TestJson.Options);

        Assert.Equal(3, page!.Total);
        Assert.Equal([AuditActions.QueueDeleted, AuditActions.QueueChanged, AuditActions.QueueCreated], page.Items.Select(e => e.Action));
        Assert.All(page.Items, e => Assert.Equal(("admin", "queue:audited"), (e.Actor, e.Subject)));
        Assert.Equal([Start.AddMinutes(2), Start.AddMinutes(1), Start], page.Items.Select(e => e.At));
        var (deleted, changed, created) = (page.Items[0], page.Items[1], page.Items[2]);
        Assert.Null(created.Before);
        Assert.Equal("Audited", created.After!.Value.GetProperty("displayName").GetString());
        Assert.Equal(20, changed.Before!.Value.GetProperty("offerTimeoutSeconds").GetInt32());
        Assert.Equal(45, changed.After!.Value.GetProperty("offerTimeoutSeconds").GetInt32());
        Assert.Equal(
            [("displayName", "Audited", "Audited <b>queue</b>"), ("offerTimeoutSeconds", "20", "45")],
            AuditChange.Fields(changed.Before, changed.After).Select(f => (f.Name, f.Before, f.After)));
        Assert.Equal("Audited <b>queue</b>", deleted.Before!.Value.GetProperty("displayName").GetString());
        Assert.Null(deleted.After);
    }

    [Fact]
    public async Task An_agents_changes_are_logged_with_their_roles_and_whether_the_password_changed_but_never_the_password()
    {
        using var admin = await ClientAsync("admin");

        await SucceedsAsync(admin.PutAsJsonAsync("api/v1/admin/agents/audited-agent", new { displayName = "Audited Agent", password = "first-secret-password", roles = new[] { "agent" } }));
        await SucceedsAsync(admin.PutAsJsonAsync("api/v1/admin/agents/audited-agent", new { displayName = "Audited Agent", password = "second-secret-password", roles = new[] { "supervisor" } }));
        await SucceedsAsync(admin.DeleteAsync("api/v1/admin/agents/audited-agent"));
        using var response = await admin.GetAsync($"{Audit}?subject=agent:audited-agent");
        var raw = await response.Content.ReadAsStringAsync();
        var page = JsonSerializer.Deserialize<AuditPage>(raw, TestJson.Options)!;

        Assert.Equal([AuditActions.AgentDeleted, AuditActions.AgentChanged, AuditActions.AgentCreated], page.Items.Select(e => e.Action));
        var changed = page.Items[1];
        Assert.Equal(["agent"], changed.Before!.Value.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["supervisor"], changed.After!.Value.GetProperty("agent").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(changed.After.Value.GetProperty("passwordChanged").GetBoolean());
        Assert.False(page.Items[2].After!.Value.GetProperty("passwordChanged").GetBoolean());
        Assert.DoesNotContain("secret-password", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("passwordHash", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AQAAAA", raw, StringComparison.Ordinal); // the start of an ASP.NET Core password hash
    }

    [Fact]
    public async Task Calendars_announcements_and_wallboard_keys_are_logged_and_a_key_never_shows_its_secret()
    {
        using var admin = await ClientAsync("admin");

        await SucceedsAsync(admin.PutAsJsonAsync("api/v1/admin/calendars/audited-hours", new { timeZone = "Europe/Amsterdam", weekly = new[] { new { day = "monday", open = "09:00", close = "17:00" } } }));
        using var announced = await admin.PostAsJsonAsync("api/v1/admin/announcements", new { queue = "support", text = "Maintenance tonight" });
        using var key = await admin.PostAsJsonAsync("api/v1/admin/wallboard-keys", new { name = "Floor 2 TV" });
        var made = await key.Content.ReadFromJsonAsync<JsonElement>();
        var (secret, keyId) = (made.GetProperty("secret").GetString()!, made.GetProperty("id").GetGuid());
        await SucceedsAsync(admin.DeleteAsync($"api/v1/admin/wallboard-keys/{keyId}"));
        using var response = await admin.GetAsync(Audit);
        var raw = await response.Content.ReadAsStringAsync();
        var page = JsonSerializer.Deserialize<AuditPage>(raw, TestJson.Options)!;

        Assert.Equal(HttpStatusCode.Created, announced.StatusCode);
        Assert.Equal(
            [AuditActions.WallboardKeyRevoked, AuditActions.WallboardKeyCreated, AuditActions.AnnouncementCreated, AuditActions.CalendarCreated],
            page.Items.Select(e => e.Action));
        Assert.Equal("Floor 2 TV", page.Items[0].Before!.Value.GetProperty("name").GetString());
        Assert.Equal("Maintenance tonight", page.Items[2].After!.Value.GetProperty("text").GetString());
        Assert.Equal("calendar:audited-hours", page.Items[3].Subject);
        Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_are_filtered_by_who_what_and_when_and_paged_newest_first()
    {
        using var admin = await ClientAsync("admin");
        await SucceedsAsync(admin.PutAsJsonAsync("api/v1/admin/agents/second-admin", new { displayName = "Second Admin", password = "second-admin-password", roles = new[] { "admin" } }));
        using var second = Server.CreateClient(await Server.LoginAsync("second-admin", "second-admin-password"));
        for (var i = 1; i <= 3; i++)
        {
            _time.Advance(TimeSpan.FromHours(1));
            await SucceedsAsync(second.PutAsJsonAsync($"api/v1/admin/queues/paged-{i}", new { displayName = $"Paged {i}" }));
        }

        var bySecond = await admin.GetFromJsonAsync<AuditPage>($"{Audit}?actor=second-admin&pageSize=2", TestJson.Options);
        var olderPage = await admin.GetFromJsonAsync<AuditPage>($"{Audit}?actor=second-admin&pageSize=2&page=2", TestJson.Options);
        var agentsOnly = await admin.GetFromJsonAsync<AuditPage>($"{Audit}?action=agent.created", TestJson.Options);
        var window = await admin.GetFromJsonAsync<AuditPage>(
            $"{Audit}?from={Uri.EscapeDataString(Start.AddHours(1.5).ToString("O"))}&to={Uri.EscapeDataString(Start.AddHours(2.5).ToString("O"))}", TestJson.Options);

        Assert.Equal((3, 2), (bySecond!.Total, bySecond.Items.Count));
        Assert.Equal(["queue:paged-3", "queue:paged-2"], bySecond.Items.Select(e => e.Subject));
        Assert.Equal(["queue:paged-1"], olderPage!.Items.Select(e => e.Subject));
        Assert.Equal(["agent:second-admin"], agentsOnly!.Items.Select(e => e.Subject));
        Assert.Equal(["queue:paged-2"], window!.Items.Select(e => e.Subject));
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-12-07T09:00:00", "from")]
    [InlineData("from=2026-12-07T10:00:00Z&to=2026-12-07T09:00:00Z", "to")]
    [InlineData("pageSize=500", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("format=pdf", "format")]
    public async Task A_bad_query_is_400_naming_the_parameter(string query, string field)
    {
        using var admin = await ClientAsync("admin");

        using var response = await admin.GetAsync($"{Audit}?{query}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Only_an_admin_reads_the_log()
    {
        using var supervisor = await ClientAsync("alice");
        using var agent = await ClientAsync("bob");

        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync(Audit)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(Audit)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.CreateClient().GetAsync(Audit)).StatusCode);
    }

    [Fact]
    public async Task The_export_is_every_entry_oldest_first_as_a_csv_download_whose_formulas_are_defused()
    {
        using var admin = await ClientAsync("admin");
        await SucceedsAsync(admin.PutAsJsonAsync("api/v1/admin/queues/exported", new { displayName = "=HYPERLINK(\"http://evil.example\")" }));
        await SucceedsAsync(admin.DeleteAsync("api/v1/admin/queues/exported"));

        using var response = await admin.GetAsync($"{Audit}?subject=queue:exported&format=csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("id,at,actor,action,subject,before,after", lines[0].TrimEnd('\r'));
        Assert.Equal(3, lines.Length);
        Assert.Contains(",queue.created,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",queue.deleted,", lines[2], StringComparison.Ordinal);
        // Each cell that starts like a formula is escaped; the JSON cells start with '{', and nothing starts with '='.
        Assert.DoesNotContain(",=", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=", lines[1], StringComparison.Ordinal);
    }

    private async Task<HttpClient> ClientAsync(string username) => Server.CreateClient(await Server.LoginAsync(username));

    private static async Task SucceedsAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
