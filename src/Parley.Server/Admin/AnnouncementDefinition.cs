using Parley.Server.Contracts;

namespace Parley.Server.Admin;

/// <summary>An announcement as the admin API answers it, with its state on the core's clock.</summary>
public sealed record AnnouncementDefinition(Guid Id, string Queue, string Text, DateTimeOffset StartsAt, DateTimeOffset? EndsAt, AnnouncementState State)
{
    public static AnnouncementDefinition Of(Announcement announcement, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        return new(announcement.Id, announcement.Queue, announcement.Text, announcement.StartsAt, announcement.EndsAt, announcement.StateAt(now));
    }
}
