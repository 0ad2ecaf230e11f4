using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Storage;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Edges;
using Parley.Server.Tests.Infrastructure;
using static Parley.Server.Tests.Reporting.QueueReportScenario;

namespace Parley.Server.Tests.Reporting;

/// <summary>
/// <c>GET /api/v1/reports/queues</c> and <c>/conversations</c> through the real server: who may read them, field
/// errors, the projection running as the server's hosted service, JSON, CSV and XLSX, and 404 on an edge.
/// </summary>
public sealed class QueueReportApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Morning15 = "from=2026-12-07T09:00:00Z&to=2026-12-07T09:15:00Z";
    private readonly ParleyServer _server = fixture.Server;

    [Theory]
    [InlineData("api/v1/reports/queues?" + Morning15)]
    [InlineData("api/v1/reports/conversations?" + Morning15)]
    public async Task Anonymous_is_401_and_an_agent_without_the_supervisor_role_403(string url)
    {
        using var anonymous = _server.CreateClient();
        using var agent = _server.CreateClient(await _server.LoginAsync("bob"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Bad_parameters_are_400_with_each_field_named()
    {
        using var supervisor = _server.CreateClient(await _server.LoginAsync("alice"));

        var queues = await CustomerApiTests.AssertProblemAsync(
            await supervisor.GetAsync("api/v1/reports/queues?from=yesterday&interval=2h&timeZone=Mars/Olympus&format=pdf"), HttpStatusCode.BadRequest);
        var conversations = await CustomerApiTests.AssertProblemAsync(
            await supervisor.GetAsync("api/v1/reports/conversations?" + Morning15 + "&outcome=lost"), HttpStatusCode.BadRequest);

        Assert.Equal(["format", "from", "interval", "timeZone", "to"], queues.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["outcome"], conversations.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_server_folds_committed_facts_and_answers_the_reports_as_JSON_CSV_and_XLSX()
    {
        // The demo's support queue keeps the defaults (20 s, 0.8, 5 s) and has no calendar; sales is left out here.
        await using (var context = await _server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync())
        {
            context.ReportEvents.AddRange(Facts());
            await context.SaveChangesAsync();
        }

        _server.Services.GetRequiredService<ReportLogSignal>().Wake();
        using var supervisor = _server.CreateClient(await _server.LoginAsync("alice"));
        var rows = await Eventually.ThatAsync(
            () => supervisor.GetFromJsonAsync<JsonElement>("api/v1/reports/queues?" + Morning15 + "&queue=support"),
            r => r.GetArrayLength() == 1 && r[0].GetProperty("offered").GetInt32() == 7,
            "the support row of the folded morning");
        var row = rows[0];
        Assert.Equal("2026-12-07T09:00:00+00:00", row.GetProperty("intervalStart").GetString());
        Assert.Equal((3, 2, 1, 0.4, 15.0), (row.GetProperty("answered").GetInt32(), row.GetProperty("abandoned").GetInt32(), row.GetProperty("shortAbandoned").GetInt32(),
            row.GetProperty("serviceLevel").GetDouble(), row.GetProperty("asaSeconds").GetDouble()));

        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, "api/v1/reports/conversations?" + Morning15 + "&outcome=abandoned");
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        using var csv = await supervisor.SendAsync(csvRequest);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment; filename=conversations.csv", csv.Content.Headers.ContentDisposition!.ToString());
        Assert.StartsWith("id,firstQueue,lastQueue,medium,site,edge,queuedAt,answeredAt,agent,waitSeconds,", lines[0], StringComparison.Ordinal);
        Assert.Equal([C3.ToString(), C4.ToString()], lines[1..].Select(l => l.Split(',')[0]));
        Assert.Contains(",2026-12-07T09:02:00.000Z,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",abandoned,True,", lines[1], StringComparison.Ordinal);

        using var xlsx = await supervisor.GetAsync("api/v1/reports/queues?" + Morning15 + "&queue=support&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using var workbook = new ZipArchive(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var sheet = await new StreamReader(workbook.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Open()).ReadToEndAsync();
        Assert.Contains("serviceLevel", sheet, StringComparison.Ordinal);
        Assert.Contains(">support<", sheet, StringComparison.Ordinal);
        Assert.Contains(">0.4<", sheet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/reports/queues", new[] { "from", "to", "interval", "timeZone", "queue", "agent", "site", "edge", "medium", "format" })]
    [InlineData("/api/v1/reports/conversations", new[] { "from", "to", "interval", "timeZone", "queue", "agent", "site", "edge", "medium", "format", "outcome" })]
    public async Task The_OpenAPI_document_describes_every_parameter(string path, string[] parameters)
    {
        using var client = _server.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json"));

        var operation = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty("get");
        var described = operation.GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.TryGetProperty("description", out var d) ? d.GetString() : null);

        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
        Assert.All(parameters, name => Assert.False(string.IsNullOrWhiteSpace(described.GetValueOrDefault(name)), $"{name} has no description"));
    }

    [Theory]
    [InlineData("api/v1/reports/queues?" + Morning15)]
    [InlineData("api/v1/reports/conversations?" + Morning15)]
    public async Task An_edge_answers_404(string url)
    {
        await using var edge = new ParleyServer(settings: RoleTests.Edge());
        using var client = edge.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }
}
