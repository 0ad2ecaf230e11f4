using Parley.Server.Contracts;

namespace Parley.Server.Storage;

/// <summary>
/// A stored announcement (table <c>announcements</c>). Its queue is a foreign key that cascades: deleting a queue
/// deletes its announcements, so a new queue of the same name starts with none.
/// </summary>
public sealed class AnnouncementRecord
{
    public Guid Id { get; set; }
    public required string Queue { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }

    public Announcement ToAnnouncement() => new(Id, Queue, Text, StartsAt, EndsAt);
}
