using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Server.Contracts;

/// <summary>
/// A queue's scheduled announcement ("High volume today — expect longer waits"), shown to customers in the widget
/// from <see cref="StartsAt"/> until <see cref="EndsAt"/> (UTC instants); without an end it shows until it is deleted.
/// The core stores them and sends them to every edge with the queues' facts; each server decides what shows on its
/// own clock, so one becomes visible at its start without any change being pushed.
/// </summary>
public sealed record Announcement(Guid Id, string Queue, string Text, DateTimeOffset StartsAt, DateTimeOffset? EndsAt)
{
    public const int MaxTextLength = 500;

    /// <summary>Shown at <paramref name="now"/>: start ≤ now &lt; end.</summary>
    public bool IsActiveAt(DateTimeOffset now) => StartsAt <= now && (EndsAt is not { } end || now < end);

    public AnnouncementState StateAt(DateTimeOffset now) =>
        now < StartsAt ? AnnouncementState.Scheduled : IsActiveAt(now) ? AnnouncementState.Showing : AnnouncementState.Ended;

    /// <summary>The queue's announcements shown at <paramref name="now"/>, in start order (then by id, so the order is stable).</summary>
    public static IReadOnlyList<AnnouncementView> ShownAt(IEnumerable<Announcement> announcements, DateTimeOffset now) =>
        [.. announcements.Where(a => a.IsActiveAt(now)).OrderBy(a => a.StartsAt).ThenBy(a => a.Id).Select(a => new AnnouncementView(a.Id, a.Text, a.StartsAt, a.EndsAt))];
}

/// <summary>What a customer is shown of an announcement (<c>GET /api/v1/queues/{name}</c>).</summary>
public sealed record AnnouncementView(Guid Id, string Text, DateTimeOffset StartsAt, DateTimeOffset? EndsAt);

/// <summary>JSON: <c>"scheduled"</c> (before its start) | <c>"showing"</c> | <c>"ended"</c>.</summary>
[JsonConverter(typeof(AnnouncementStateJsonConverter))]
public enum AnnouncementState
{
    Scheduled,
    Showing,
    Ended,
}

public sealed class AnnouncementStateJsonConverter() : JsonStringEnumConverter<AnnouncementState>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
