using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Split;

/// <summary>An announcement added on the core reaches every edge over RabbitMQ, which shows it with no database of its own.</summary>
[Collection(BrokerCollection.Name)]
public sealed class AnnouncementsOnEdgeTests
{
    [Fact]
    public async Task An_announcement_added_on_the_core_appears_on_each_edges_queue_and_goes_when_deleted()
    {
        await using var split = await SplitDeployment.StartAsync(["edge-1", "edge-2"]);
        using var admin = await AdminAnnouncementApiTests.AdminClientAsync(split.CoreAddress);
        using var edge1 = split.Edge("edge-1").CreateClient();
        using var edge2 = split.Edge("edge-2").CreateClient();
        var before = await AnnouncementsOnAsync(edge1);

        var id = await AdminAnnouncementApiTests.AnnounceAsync(admin, new { queue = "support", text = "High volume today — expect longer waits" });
        var shown1 = await Eventually.ThatAsync(() => AnnouncementsOnAsync(edge1), a => a.Count == 1, "the announcement on edge-1", TimeSpan.FromSeconds(30));
        var shown2 = await Eventually.ThatAsync(() => AnnouncementsOnAsync(edge2), a => a.Count == 1, "the announcement on edge-2", TimeSpan.FromSeconds(30));
        (await admin.DeleteAsync($"api/v1/admin/announcements/{id}")).EnsureSuccessStatusCode();
        await Eventually.ThatAsync(() => AnnouncementsOnAsync(edge1), a => a.Count == 0, "no announcement on edge-1 once deleted", TimeSpan.FromSeconds(30));

        Assert.Empty(before);
        Assert.Equal((id, "High volume today — expect longer waits"), (shown1[0].GetProperty("id").GetString(), shown1[0].GetProperty("text").GetString()));
        Assert.Equal(id, shown2[0].GetProperty("id").GetString());
    }

    private static Task<IReadOnlyList<System.Text.Json.JsonElement>> AnnouncementsOnAsync(HttpClient edge) => QueueAnnouncementsTests.AnnouncementsAsync(edge, "support");
}
