namespace Parley.Server.Admin;

/// <summary>
/// An announcement as an admin writes it (POST, PUT). The instants are ISO 8601 text with an offset (<c>Z</c> or
/// <c>+01:00</c>), so a time without one is a field error rather than a guess at a zone.
/// </summary>
/// <param name="StartsAt">When it starts showing; now when left out.</param>
/// <param name="EndsAt">When it stops showing (after the start); left out, it shows until it is deleted.</param>
public sealed record AnnouncementInput(string? Queue, string? Text, string? StartsAt = null, string? EndsAt = null);
