using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Storage;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Reporting;

/// <summary>
/// The agent reports through the real server's REST API (SQLite): facts inserted as the recording writes them, folded by
/// the running projection, read as JSON, CSV and XLSX by a supervisor; refused to anyone else. Each test uses agent
/// names of its own, so facts the server itself records do not disturb it.
/// </summary>
public sealed class AgentReportApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly DateTimeOffset Nine = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly ParleyServer _server = fixture.Server;

    [Fact]
    public async Task A_supervisor_reads_an_agents_hour_as_json_csv_and_xlsx()
    {
        await WorkAsync("rest-dana");
        // rest-dana has no account (any more): only an admin reads a former agent's figures (ReportScopeTests).
        using var supervisor = _server.CreateClient(await _server.LoginAsync("admin"));
        var query = $"api/v1/reports/agents?from={Q(Nine)}&to={Q(Nine.AddHours(1))}&interval=1h&agent=rest-dana";

        var rows = await Eventually.ThatAsync(() => supervisor.GetFromJsonAsync<JsonElement>(query), r => r.GetArrayLength() == 1 && r[0].GetProperty("chatsHandled").GetInt32() == 1, "the projection to fold rest-dana's hour");

        // Signed in 09:00–10:00 with capacity 2, one chat 09:10–09:40: 30 slot-minutes used of 120, one chat of 1800 s.
        var row = rows[0];
        Assert.Equal(["agent", "displayName", "intervalStart", "offers", "declines", "offersTimedOut", "chatsAccepted", "chatsHandled"], row.EnumerateObject().Take(8).Select(p => p.Name));
        Assert.Equal(("rest-dana", Nine, 1800.0, 3600.0, 0.25), (row.GetProperty("agent").GetString(), row.GetProperty("intervalStart").GetDateTimeOffset(), row.GetProperty("ahtSeconds").GetDouble(), row.GetProperty("signedInSeconds").GetDouble(), row.GetProperty("occupancy").GetDouble()));

        var csv = await supervisor.GetAsync(query + "&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("agent,displayName,intervalStart,offers,declines,offersTimedOut,chatsAccepted,chatsHandled,handleSeconds,", lines[0]);
        Assert.StartsWith("rest-dana,rest-dana,2026-12-01T09:00:00.000Z,0,0,0,1,1,1800,", lines[1]);

        using var request = new HttpRequestMessage(HttpMethod.Get, query);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        using var xlsx = await supervisor.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("agents.xlsx", xlsx.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        // A whole workbook (the zip's trailers were written, without synchronous writes to the body): the sheet reads back.
        using var workbook = new System.IO.Compression.ZipArchive(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Entries.Single(e => e.FullName == "xl/worksheets/sheet1.xml");
        using var sheetText = new StreamReader(sheet.Open());
        Assert.Contains(">occupancy<", await sheetText.ReadToEndAsync());
    }

    [Fact]
    public async Task Shifts_and_an_agents_activity_timeline_are_answered_to_a_supervisor()
    {
        await WorkAsync("rest-erin");
        using var supervisor = _server.CreateClient(await _server.LoginAsync("admin"));
        var range = $"from={Q(Nine)}&to={Q(Nine.AddHours(1))}";

        var shifts = await Eventually.ThatAsync(() => supervisor.GetFromJsonAsync<JsonElement>($"api/v1/reports/shifts?{range}&interval=1d&timeZone=Europe/Amsterdam&agent=rest-erin"), s => s.GetArrayLength() == 1, "rest-erin's shift");
        var activity = await supervisor.GetFromJsonAsync<JsonElement>($"api/v1/reports/agents/rest-erin/activity?{range}");

        var shift = shifts[0];
        Assert.Equal(("2026-12-01", 3600.0, 1), (shift.GetProperty("day").GetString(), shift.GetProperty("signedInSeconds").GetDouble(), shift.GetProperty("signIns").GetInt32()));
        Assert.Equal(TimeSpan.FromHours(1), shift.GetProperty("start").GetDateTimeOffset().Offset); // in the report's zone
        Assert.Equal(["signedIn", "load", "load"], activity.EnumerateArray().Select(a => a.GetProperty("kind").GetString()));
        Assert.Equal([600.0, 1800.0, 1200.0], activity.EnumerateArray().Select(a => a.GetProperty("seconds").GetDouble()));
    }

    [Theory]
    [InlineData("api/v1/reports/agents")]
    [InlineData("api/v1/reports/shifts")]
    [InlineData("api/v1/reports/agents/bob/activity")]
    public async Task Only_supervisors_and_admins_read_them_and_bad_parameters_get_field_errors(string path)
    {
        var query = $"{path}?from={Q(Nine)}&to={Q(Nine.AddHours(1))}";
        using var anonymous = _server.CreateClient();
        using var agent = _server.CreateClient(await _server.LoginAsync("bob"));
        using var supervisor = _server.CreateClient(await _server.LoginAsync("alice"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(query)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(query)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync(query)).StatusCode);
        var problem = await CustomerApiTests.AssertProblemAsync(await supervisor.GetAsync($"{path}?to=yesterday&interval=2h&timeZone=Mars/Olympus&format=pdf"), HttpStatusCode.BadRequest);
        Assert.Equal(["format", "from", "interval", "timeZone", "to"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        // Per agent: narrowing by what an agent serves at once is refused, not silently ignored.
        var narrowed = await CustomerApiTests.AssertProblemAsync(await supervisor.GetAsync($"{query}&queue=support&site=amsterdam&edge=local&medium=chat"), HttpStatusCode.BadRequest);
        Assert.Equal(["edge", "medium", "queue", "site"], narrowed.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    private static string Q(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task The_openapi_document_describes_the_agent_reports_and_their_parameters()
    {
        using var client = _server.CreateClient();
        var paths = (await client.GetFromJsonAsync<JsonElement>("openapi/v1.json")).GetProperty("paths");

        foreach (var path in new[] { "/api/v1/reports/agents", "/api/v1/reports/shifts", "/api/v1/reports/agents/{username}/activity" })
        {
            var get = paths.GetProperty(path).GetProperty("get");
            Assert.False(string.IsNullOrWhiteSpace(get.GetProperty("summary").GetString()), path);
            var parameters = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToHashSet();
            Assert.Superset(new HashSet<string> { "from", "to", "interval", "timeZone", "agent", "format" }, parameters);
            Assert.True(get.GetProperty("responses").TryGetProperty("400", out _), path);
        }
    }

    /// <summary>The agent signs in at 09:00 (capacity 2), has one chat 09:10–09:40 and signs out at 10:00.</summary>
    private async Task WorkAsync(string agent)
    {
        long At(int minutes) => Nine.AddMinutes(minutes).ToUnixTimeMilliseconds();
        ReportEventRecord State(string kind, int minutes, string presence, string status, int active) =>
            new() { Kind = kind, At = At(minutes), Agent = agent, Presence = presence, Status = status, Active = active, Capacity = 2 };
        var chat = Guid.NewGuid();
        var factory = _server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.ReportEvents.AddRange(
                State("signedIn", 0, "Available", "Ready", 0),
                new ReportEventRecord { Kind = "accepted", At = At(10), Agent = agent, ConversationId = chat, Queue = "support", Detail = "offer", DurationMs = 4000, QueuedAt = At(10) - 4000 },
                State("load", 10, "Available", "Ready", 1),
                new ReportEventRecord { Kind = "ended", At = At(40), Agent = agent, ConversationId = chat, Queue = "support", Detail = "customer", DurationMs = 1_800_000, QueuedAt = At(10) - 4000 },
                State("load", 40, "Available", "Ready", 0),
                State("signedOut", 60, "Offline", "Offline", 0));
            await db.SaveChangesAsync();
        }

        _server.Services.GetRequiredService<ReportLogSignal>().Wake();
    }
}
