using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Admin;

/// <summary>
/// Announcements are stored (table <c>announcements</c>) on both providers: they outlive a restart, and deleting their
/// queue deletes them, so a new queue of the same name starts with none.
/// </summary>
public sealed class AnnouncementStorageTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Announcements_outlive_a_restart_and_go_with_their_queue(string provider)
    {
        await using var database = provider == "Sqlite" ? new SqliteTestDatabase() : (TestDatabase)await PostgresTestDatabase.CreateAsync();
        string kept, gone;
        await using (var server = new ParleyServer(settings: database.ServerSettings()))
        {
            using var admin = await AdminAnnouncementApiTests.AdminClientAsync(server);
            await AdminAnnouncementApiTests.CreateQueueAsync(admin, "ann-store");
            kept = await AdminAnnouncementApiTests.AnnounceAsync(admin, new { queue = "support", text = "Kept <b>as typed</b>", startsAt = "2026-01-07T09:00:00.1234567Z", endsAt = "2999-01-01T00:00:00Z" });
            gone = await AdminAnnouncementApiTests.AnnounceAsync(admin, new { queue = "ann-store", text = "Goes with its queue" });
        }

        await using (var server = new ParleyServer(settings: database.ServerSettings()))
        {
            using var admin = await AdminAnnouncementApiTests.AdminClientAsync(server);
            var read = await admin.GetFromJsonAsync<JsonElement>($"api/v1/admin/announcements/{kept}");
            Assert.Equal("Kept <b>as typed</b>", read.GetProperty("text").GetString());
            // Stored to the microsecond on both providers.
            Assert.Equal(new DateTimeOffset(2026, 1, 7, 9, 0, 0, TimeSpan.Zero).AddTicks(1234560), read.GetProperty("startsAt").GetDateTimeOffset());
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"api/v1/admin/announcements/{gone}")).StatusCode);
            // Loaded at start-up and handed to the customer side with the queues' facts.
            using var customer = server.CreateClient();
            var shown = await Eventually.ThatAsync(() => Customers.QueueAnnouncementsTests.AnnouncementsAsync(customer, "support"), a => a.Count == 1, "the kept announcement on the customer side after the restart");
            Assert.Equal(kept, shown[0].GetProperty("id").GetString());

            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("api/v1/admin/queues/ann-store")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/v1/admin/announcements/{gone}")).StatusCode);
            await AdminAnnouncementApiTests.CreateQueueAsync(admin, "ann-store");
            Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/announcements?queue=ann-store")).GetArrayLength());
        }

        await using var check = database.CreateContext();
        Assert.Equal([Guid.Parse(kept)], check.Announcements.Select(a => a.Id).ToList());
    }
}
