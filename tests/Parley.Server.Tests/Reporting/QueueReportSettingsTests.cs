using System.Net;
using System.Net.Http.Json;
using Parley.Server.Queues;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Reporting;

/// <summary>The queue's reporting settings: serviceLevelSeconds, serviceLevelTarget, shortAbandonSeconds.</summary>
public sealed class QueueReportSettingsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ParleyServer _server = fixture.Server;

    [Fact]
    public async Task A_queue_keeps_its_reporting_settings_and_leaves_them_at_their_defaults_when_left_out()
    {
        using var admin = _server.CreateClient(await _server.LoginAsync("admin"));

        var set = await admin.PutAsJsonAsync("api/v1/admin/queues/reported", new { displayName = "Reported", serviceLevelSeconds = 45, serviceLevelTarget = 0.9, shortAbandonSeconds = 10 });
        var read = await admin.GetFromJsonAsync<QueueDefinition>("api/v1/admin/queues/reported", TestJson.Options);
        await admin.PutAsJsonAsync("api/v1/admin/queues/reported", new { displayName = "Reported" });
        var reset = await admin.GetFromJsonAsync<QueueDefinition>("api/v1/admin/queues/reported", TestJson.Options);

        Assert.Equal(HttpStatusCode.Created, set.StatusCode);
        Assert.Equal((45, 0.9, 10), (read!.ServiceLevelSeconds, read.ServiceLevelTarget, read.ShortAbandonSeconds));
        Assert.Equal((20, 0.8, 5), (reset!.ServiceLevelSeconds, reset.ServiceLevelTarget, reset.ShortAbandonSeconds));
    }

    [Fact]
    public async Task Reporting_settings_out_of_range_are_400_with_each_field_named()
    {
        using var admin = _server.CreateClient(await _server.LoginAsync("admin"));

        var response = await admin.PutAsJsonAsync("api/v1/admin/queues/badly-reported", new { displayName = "Bad", serviceLevelSeconds = 0, serviceLevelTarget = 1.5, shortAbandonSeconds = 601 });

        var problem = await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["serviceLevelSeconds", "serviceLevelTarget", "shortAbandonSeconds"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Configuration_sets_them_per_queue()
    {
        await using var server = new ParleyServer(settings: new Dictionary<string, string?>
        {
            ["Parley:Queues:0:Name"] = "configured",
            ["Parley:Queues:0:DisplayName"] = "Configured",
            ["Parley:Queues:0:ServiceLevelSeconds"] = "30",
            ["Parley:Queues:0:ServiceLevelTarget"] = "0.95",
            ["Parley:Queues:0:ShortAbandonSeconds"] = "8",
        });
        using var admin = server.CreateClient(await server.LoginAsync("admin"));

        var queue = await admin.GetFromJsonAsync<QueueDefinition>("api/v1/admin/queues/configured", TestJson.Options);

        Assert.Equal((30, 0.95, 8), (queue!.ServiceLevelSeconds, queue.ServiceLevelTarget, queue.ShortAbandonSeconds));
    }
}
