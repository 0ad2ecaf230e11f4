using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Edges;

/// <summary>What each role serves, and what it refuses to start with. The broker here is unreachable on purpose.</summary>
public sealed class RoleTests
{
    public const string InstallationKey = "cGFybGV5LXRlc3QtaW5zdGFsbGF0aW9uLWtleS0zMi1ieXRlcyE=";
    private const string NoBroker = "amqp://nobody:nothing@127.0.0.1:1/parley";

    public static Dictionary<string, string?> Edge(string broker = NoBroker, string name = "edge-1") => new()
    {
        ["Parley:Role"] = "edge",
        ["Parley:Edge:Name"] = name,
        ["Parley:InstallationKey"] = InstallationKey,
        ["Parley:RabbitMq:Uri"] = broker,
        ["Parley:RabbitMq:RequestTimeout"] = "00:00:02",
    };

    public static TheoryData<string, string> InternalPaths() => new()
    {
        { "GET", "/agent" },
        { "GET", "/admin" },
        { "GET", "/admin/queues" },
        { "GET", "/admin/edges" },
        { "GET", "/admin/calendars" },
        { "GET", "/admin/reports" },
        { "GET", "/wallboard" },
        { "GET", "/reports/reports.js" },
        { "GET", "/api/v1/admin/wallboard-keys" },
        { "GET", "/login" },
        { "POST", "/hubs/agent/negotiate?negotiateVersion=1" },
        { "POST", "/api/v1/agent/login" },
        { "GET", "/api/v1/admin/queues" },
        { "GET", "/api/v1/admin/agents" },
        { "GET", "/api/v1/admin/calendars" },
        { "POST", "/api/v1/admin/calendars/office-hours/import" },
        { "PUT", "/api/v1/agents/alice/external-state" },
        { "GET", "/openapi/v1.json" },
        { "GET", "/_framework/blazor.web.js" },
        { "GET", "/desk/desk.css" },
        { "GET", "/api/v1/agent/canned-responses" },
        { "POST", "/api/v1/admin/canned-responses" },
        { "GET", "/admin/canned-responses" },
        { "GET", "/desk/canned.js" },
        // The health report (database, edges) is the core's: an edge answers /livez only (LivenessTests).
        { "GET", "/healthz" },
    };

    [Theory]
    [MemberData(nameof(InternalPaths))]
    public async Task An_edge_answers_404_on_every_agent_admin_and_internal_path(string method, string path)
    {
        await using var edge = new ParleyServer(settings: Edge());
        using var client = edge.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'))
        {
            Content = method == "GET" ? null : JsonContent.Create(new { }),
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_edge_serves_the_widget()
    {
        await using var edge = new ParleyServer(settings: Edge());
        using var client = edge.CreateClient();

        using var widget = await client.GetAsync("widget.js");

        widget.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task An_edge_that_cannot_reach_the_core_answers_503_try_again_within_its_timeout()
    {
        await using var edge = new ParleyServer(settings: Edge());
        using var client = edge.CreateClient();

        var started = DateTimeOffset.UtcNow;
        using var response = await client.PostAsJsonAsync("api/v1/conversations", new { queue = "support", customer = new { name = "Ann" } });
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Try again", problem.GetProperty("title").GetString());
        // No broker: answered at once, at worst after its 2 s request time-out (Edge()); the bound leaves the machine's noise room.
        Assert.InRange(DateTimeOffset.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("Parley:Database:ConnectionString", "Host=127.0.0.1;Database=parley", "an edge holds no database connection")]
    [InlineData("Parley:Database:Provider", "Postgres", "an edge holds no database connection")]
    [InlineData("Parley:RabbitMq:Uri", "", "Parley:RabbitMq:Uri is required for the role 'edge'")]
    [InlineData("Parley:RabbitMq:Uri", "http://broker", "Parley:RabbitMq:Uri is required for the role 'edge'")]
    [InlineData("Parley:InstallationKey", null, "Parley:InstallationKey is required for the role 'edge'")]
    [InlineData("Parley:Edge:Name", "Edge One", "Parley:Edge:Name must be")]
    [InlineData("Parley:Role", "dmz", "Parley:Role 'dmz' is not a role")]
    public void A_misconfigured_edge_refuses_to_start_and_says_why(string key, string? value, string message)
    {
        var settings = Edge();
        settings[key] = value;

        var e = Assert.ThrowsAny<OptionsValidationException>(() => new ParleyServer(settings: settings));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_core_without_a_broker_refuses_to_start()
    {
        var e = Assert.ThrowsAny<OptionsValidationException>(() => new ParleyServer(settings: new Dictionary<string, string?>
        {
            ["Parley:Role"] = "core",
            ["Parley:InstallationKey"] = InstallationKey,
        }));

        Assert.Contains("Parley:RabbitMq:Uri is required for the role 'core'", e.Message, StringComparison.Ordinal);
    }
}
