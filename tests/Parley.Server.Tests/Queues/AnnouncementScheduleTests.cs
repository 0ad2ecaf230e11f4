using Microsoft.Extensions.Time.Testing;

namespace Parley.Server.Tests.Queues;

/// <summary>An announcement shows from its start (included) until its end (excluded), on whatever clock asks.</summary>
public sealed class AnnouncementScheduleTests
{
    private static readonly DateTimeOffset Nine = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void It_is_scheduled_before_its_start_showing_from_the_start_and_ended_at_its_end()
    {
        var clock = new FakeTimeProvider(Nine.AddTicks(-1));
        var busy = new Announcement(Guid.NewGuid(), "support", "High volume today — expect longer waits", Nine, Nine.AddHours(8));
        var seen = new List<(AnnouncementState, bool)>();

        foreach (var step in new[] { TimeSpan.Zero, TimeSpan.FromTicks(1), TimeSpan.FromHours(8) - TimeSpan.FromTicks(1), TimeSpan.FromTicks(1), TimeSpan.FromDays(1) })
        {
            clock.Advance(step);
            seen.Add((busy.StateAt(clock.GetUtcNow()), busy.IsActiveAt(clock.GetUtcNow())));
        }

        Assert.Equal(
            [
                (AnnouncementState.Scheduled, false), // a tick before nine
                (AnnouncementState.Showing, true),    // nine: the start is included
                (AnnouncementState.Showing, true),    // a tick before five
                (AnnouncementState.Ended, false),     // five: the end is not
                (AnnouncementState.Ended, false),
            ],
            seen);
    }

    [Fact]
    public void Without_an_end_it_shows_from_its_start_until_it_is_deleted()
    {
        var standing = new Announcement(Guid.NewGuid(), "support", "We answer in English and Dutch.", Nine, null);

        Assert.Equal(AnnouncementState.Scheduled, standing.StateAt(Nine.AddMinutes(-1)));
        Assert.Equal(AnnouncementState.Showing, standing.StateAt(Nine.AddYears(10)));
    }

    [Fact]
    public void The_shown_ones_are_those_active_now_in_start_order()
    {
        var later = new Announcement(Guid.NewGuid(), "support", "Later", Nine.AddHours(1), null);
        var earlier = new Announcement(Guid.NewGuid(), "support", "Earlier", Nine, Nine.AddHours(3));
        var ended = new Announcement(Guid.NewGuid(), "support", "Ended", Nine.AddHours(-2), Nine.AddHours(-1));
        var scheduled = new Announcement(Guid.NewGuid(), "support", "Tomorrow", Nine.AddDays(1), null);

        var shown = Announcement.ShownAt([later, scheduled, ended, earlier], Nine.AddHours(2));

        Assert.Equal(
            [new AnnouncementView(earlier.Id, "Earlier", Nine, Nine.AddHours(3)), new AnnouncementView(later.Id, "Later", Nine.AddHours(1), null)],
            shown);
    }
}
