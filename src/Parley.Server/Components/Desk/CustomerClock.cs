using System.Globalization;
using NodaTime;
using Parley.Server.Contracts;
using Parley.Server.Conversations;

namespace Parley.Server.Components.Desk;

/// <summary>The customer's side of the clock and of the page, in words for the customer panel.</summary>
public static class CustomerClock
{
    /// <summary>
    /// The customer's local time now, from their IANA zone (which knows daylight saving), else from the offset their
    /// browser had at the start; null when the widget sent neither.
    /// </summary>
    public static string? LocalTime(string? timeZone, int? utcOffsetMinutes, DateTimeOffset now)
    {
        if (CustomerTimeZone.Of(timeZone) is { } zone)
        {
            var local = Instant.FromDateTimeOffset(now).InZone(zone);
            return $"{local.ToString("HH:mm", CultureInfo.InvariantCulture)} ({zone.Id}, UTC{Offset(local.Offset.Seconds / 60)})";
        }

        return utcOffsetMinutes is { } minutes
            ? $"{now.ToOffset(TimeSpan.FromMinutes(minutes)).ToString("HH:mm", CultureInfo.InvariantCulture)} (UTC{Offset(minutes)})"
            : null;
    }

    public static string Visibility(PageVisibility? visibility) => visibility switch
    {
        PageVisibility.Visible => "On the page",
        PageVisibility.Hidden => "Tab hidden",
        PageVisibility.Left => "Left the page",
        _ => "Not known",
    };

    private static string Offset(int minutes) =>
        $"{(minutes < 0 ? "−" : "+")}{Math.Abs(minutes) / 60:00}:{Math.Abs(minutes) % 60:00}";
}
