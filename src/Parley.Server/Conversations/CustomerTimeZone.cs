using NodaTime;

namespace Parley.Server.Conversations;

/// <summary>
/// The customer's time zone (<c>customer.timeZone</c> at the start, the browser's): an IANA id that NodaTime's embedded
/// zone database knows, stored by its canonical spelling. The edge and the core check it alike.
/// </summary>
public static class CustomerTimeZone
{
    public const string Field = "customer.timeZone";
    public const string Error = "This is not a time zone we know: send an IANA name such as Europe/Amsterdam, or leave it out.";

    /// <summary>
    /// Reads an id: true with the zone, or with null when none was given (UTC); false when it names no zone.
    /// </summary>
    public static bool TryParse(string? id, out DateTimeZone? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            return true;
        }

        zone = id.Length <= 64 ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id.Trim()) : null;
        return zone is not null;
    }

    /// <summary>The stored zone of a conversation (one a later zone database no longer knows counts as none: UTC).</summary>
    public static DateTimeZone? Of(string? stored) =>
        string.IsNullOrEmpty(stored) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(stored);
}
