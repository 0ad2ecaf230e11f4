using System.Net;
using Parley.Server.Tests.Edges;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Hosting;

/// <summary>
/// Every role answers the liveness path <c>/livez</c> with a bare "Healthy" (safe for a load balancer, harmless if
/// published); only the core and the all-in-one server answer the health report <c>/healthz</c>.
/// </summary>
public sealed class LivenessTests
{
    private const string NoBroker = "amqp://nobody:nothing@127.0.0.1:1/parley";

    public static TheoryData<string, HttpStatusCode> Roles() => new()
    {
        { "all", HttpStatusCode.OK },
        { "core", HttpStatusCode.OK },
        { "edge", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_role_answers_livez_with_Healthy_only_and_no_store(string role, HttpStatusCode _)
    {
        await using var server = new ParleyServer(settings: Settings(role));
        using var client = server.CreateClient();

        using var response = await client.GetAsync("livez");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        // Nothing else: not the core link (unreachable here, the broker is nowhere), not the database, no version.
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Only_the_core_and_the_all_in_one_server_answer_the_health_report(string role, HttpStatusCode expected)
    {
        await using var server = new ParleyServer(settings: Settings(role));
        using var client = server.CreateClient();

        using var response = await client.GetAsync("healthz");

        Assert.Equal(expected, response.StatusCode);
    }

    private static Dictionary<string, string?> Settings(string role) => role switch
    {
        "edge" => RoleTests.Edge(),
        "core" => new()
        {
            ["Parley:Role"] = "core",
            ["Parley:InstallationKey"] = RoleTests.InstallationKey,
            ["Parley:RabbitMq:Uri"] = NoBroker,
        },
        _ => [],
    };
}
