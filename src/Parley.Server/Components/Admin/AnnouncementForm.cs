using System.Globalization;
using Parley.Server.Admin;

namespace Parley.Server.Components.Admin;

/// <summary>
/// The admin page's form of an announcement. The browser's date-time fields have no zone, so the page shows and takes
/// UTC and says so; the instants go to <see cref="AnnouncementService"/> as ISO 8601 with <c>Z</c>.
/// </summary>
public sealed class AnnouncementForm
{
    private const string LocalFormat = "yyyy-MM-ddTHH:mm";

    public string Queue { get; set; } = "";
    public string Text { get; set; } = "";

    /// <summary>UTC, as a <c>datetime-local</c> field holds it (<c>2026-12-07T09:00</c>).</summary>
    public string StartsAt { get; set; } = "";

    /// <summary>UTC; empty: it shows until it is deleted.</summary>
    public string EndsAt { get; set; } = "";

    public static AnnouncementForm New(string queue, DateTimeOffset now) => new() { Queue = queue, StartsAt = Local(now) };

    public static AnnouncementForm From(AnnouncementDefinition announcement)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        return new()
        {
            Queue = announcement.Queue,
            Text = announcement.Text,
            StartsAt = Local(announcement.StartsAt),
            EndsAt = announcement.EndsAt is { } end ? Local(end) : "",
        };
    }

    // A field the browser could not fill goes as typed, so the service names it.
    public AnnouncementInput ToInput() => new(Queue, Text, Instant(StartsAt), Instant(EndsAt));

    /// <summary>What the page compares to ask before dropping changes.</summary>
    public string Snapshot() => string.Join('\u001f', Queue, Text, StartsAt, EndsAt);

    /// <summary>An instant as the list shows it: <c>7 Dec 2026 09:00 UTC</c>.</summary>
    public static string Show(DateTimeOffset instant) => instant.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset instant) => instant.UtcDateTime.ToString(LocalFormat, CultureInfo.InvariantCulture);

    private static string? Instant(string local) =>
        string.IsNullOrWhiteSpace(local) ? null
        : DateTime.TryParseExact(local.Trim(), [LocalFormat, LocalFormat + ":ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var utc)
            ? utc.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : local;
}
