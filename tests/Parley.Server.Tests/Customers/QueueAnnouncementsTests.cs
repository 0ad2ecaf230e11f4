using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Edges;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Customers;

/// <summary>
/// <c>GET /api/v1/queues/{name}</c> lists the queue's announcements shown now, in start order: a scheduled one appears
/// at its start and goes at its end on the server's clock, with no change made meanwhile.
/// </summary>
public sealed class QueueAnnouncementsTests
{
    private static readonly DateTimeOffset Nine = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_scheduled_announcement_shows_from_its_start_until_its_end_without_any_change()
    {
        var time = new FakeTimeProvider(Nine);
        await using var server = new ParleyServer(time: time);
        using var admin = await AdminAnnouncementApiTests.AdminClientAsync(server);
        using var customer = server.CreateClient();
        var standing = await AdminAnnouncementApiTests.AnnounceAsync(admin, new { queue = "support", text = "We answer in English and Dutch." });
        var busy = await AdminAnnouncementApiTests.AnnounceAsync(admin,
            new { queue = "support", text = "High volume today — expect longer waits", startsAt = "2026-12-07T10:00:00Z", endsAt = "2026-12-07T11:00:00Z" });
        await AdminAnnouncementApiTests.AnnounceAsync(admin, new { queue = "sales", text = "Only for sales" });

        // Once the customer side has heard of the last one it holds all three (each snapshot carries every announcement).
        await Eventually.ThatAsync(() => AnnouncementsAsync(customer, "sales"), a => a.Count == 1, "sales' announcement on the customer side");
        var before = await AnnouncementsAsync(customer, "support");
        time.SetUtcNow(Nine.AddHours(1).AddTicks(-1));
        var tickBefore = await AnnouncementsAsync(customer, "support");
        time.SetUtcNow(Nine.AddHours(1));
        var atTen = await AnnouncementsAsync(customer, "support");
        time.SetUtcNow(Nine.AddHours(2));
        var atEleven = await AnnouncementsAsync(customer, "support");

        Assert.Equal([standing], before.Select(a => a.GetProperty("id").GetString()));
        Assert.Equal([standing], tickBefore.Select(a => a.GetProperty("id").GetString()));
        Assert.Equal([standing, busy], atTen.Select(a => a.GetProperty("id").GetString())); // in start order
        Assert.Equal(["id", "text", "startsAt", "endsAt"], atTen[1].EnumerateObject().Select(p => p.Name));
        Assert.Equal(("High volume today — expect longer waits", Nine.AddHours(1), Nine.AddHours(2)),
            (atTen[1].GetProperty("text").GetString(), atTen[1].GetProperty("startsAt").GetDateTimeOffset(), atTen[1].GetProperty("endsAt").GetDateTimeOffset()));
        Assert.Equal([standing], atEleven.Select(a => a.GetProperty("id").GetString()));
        // The edges are sent only what may still show.
        Assert.DoesNotContain(server.Services.GetRequiredService<AvailabilityPublisher>().Current.Announcements, a => a.Id.ToString() == busy);
    }

    [Fact]
    public async Task A_change_or_a_deletion_reaches_the_customer_side()
    {
        await using var server = new ParleyServer();
        using var admin = await AdminAnnouncementApiTests.AdminClientAsync(server);
        using var customer = server.CreateClient();

        var none = await AnnouncementsAsync(customer, "sales");
        var id = await AdminAnnouncementApiTests.AnnounceAsync(admin, new { queue = "sales", text = "New prices from Monday" });
        await Eventually.ThatAsync(() => AnnouncementsAsync(customer, "sales"), a => a.Count == 1, "the new announcement on the customer side");
        (await admin.PutAsJsonAsync($"api/v1/admin/announcements/{id}", new { queue = "sales", text = "New prices from Tuesday" })).EnsureSuccessStatusCode();
        await Eventually.ThatAsync(() => AnnouncementsAsync(customer, "sales"), a => a is [var one] && one.GetProperty("text").GetString() == "New prices from Tuesday", "the changed text");
        (await admin.DeleteAsync($"api/v1/admin/announcements/{id}")).EnsureSuccessStatusCode();
        await Eventually.ThatAsync(() => AnnouncementsAsync(customer, "sales"), a => a.Count == 0, "no announcement once deleted");

        Assert.Empty(none);
    }

    /// <summary>The announcements of <c>GET /api/v1/queues/{name}</c>.</summary>
    internal static async Task<IReadOnlyList<JsonElement>> AnnouncementsAsync(HttpClient client, string queue)
    {
        var info = await client.GetFromJsonAsync<JsonElement>($"api/v1/queues/{queue}");
        return [.. info.GetProperty("announcements").EnumerateArray()];
    }
}
