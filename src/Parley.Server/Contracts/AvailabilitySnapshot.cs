using Parley.Server.Calendars;

namespace Parley.Server.Contracts;

/// <summary>
/// Everything an edge needs to answer every queue's availability by itself: the calendars and each queue's opening
/// facts. Sent whole (it is small) when an edge asks and after every change, so an edge never merges partial news.
/// </summary>
/// <param name="Version">Rises with every change on the core: an edge keeps the newest it has seen.</param>
public sealed record AvailabilitySnapshot(long Version, IReadOnlyList<CalendarDefinition> Calendars, IReadOnlyList<QueueOpening> Queues)
{
    /// <summary>Every queue's announcements, ended ones too (the edge filters on its clock); empty from a core that has none.</summary>
    public IReadOnlyList<Announcement> Announcements { get; init; } = [];
}
