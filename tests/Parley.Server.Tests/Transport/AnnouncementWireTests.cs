using System.Text.Json;
using Parley.Server.Transport;

namespace Parley.Server.Tests.Transport;

/// <summary>The announcements cross the wire with the availability snapshot, and an older core's snapshot (none) still reads.</summary>
public sealed class AnnouncementWireTests
{
    [Fact]
    public void A_snapshot_with_announcements_survives_the_wire()
    {
        var busy = new Announcement(Guid.NewGuid(), "support", "High volume today — expect longer waits <b>", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(8));
        var standing = new Announcement(Guid.NewGuid(), "sales", "We answer in English", DateTimeOffset.UnixEpoch, null);
        EdgeEvent sent = new AvailabilityChanged(new AvailabilitySnapshot(7, [], []) { Announcements = [busy, standing] });

        var back = (AvailabilityChanged)JsonSerializer.Deserialize<EdgeEvent>(JsonSerializer.Serialize(sent, TransportJson.Options), TransportJson.Options)!;

        Assert.Equal([busy, standing], back.Snapshot.Announcements);
    }

    [Fact]
    public void A_snapshot_from_a_core_without_announcements_reads_as_none()
    {
        var back = JsonSerializer.Deserialize<AvailabilitySnapshot>("""{"version":3,"calendars":[],"queues":[]}""", TransportJson.Options)!;

        Assert.Empty(back.Announcements);
    }
}
