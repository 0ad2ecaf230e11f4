using Parley.Server.Calendars;

namespace Parley.Server.Contracts;

/// <summary>
/// Everything an edge needs to answer every queue's availability by itself: the calendars and each queue's opening
/// facts. Sent whole (it is small) when an edge asks and after every change, so an edge never merges partial news.
/// </summary>
/// <param name="Version">Rises with every change on the core: an edge keeps the newest it has seen.</param>
public sealed record AvailabilitySnapshot(long Version, IReadOnlyList<CalendarDefinition> Calendars, IReadOnlyList<QueueOpening> Queues)
{
    /// <summary>The queues' announcements not ended when it was sent (the edge filters on its own clock); none from an older core.</summary>
    public IReadOnlyList<Announcement> Announcements { get; init; } = [];
}
