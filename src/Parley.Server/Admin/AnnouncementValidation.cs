using System.Globalization;
using System.Text.RegularExpressions;
using Parley.Server.Contracts;
using Parley.Server.Conversations;

namespace Parley.Server.Admin;

/// <summary>
/// The checks of an announcement, keyed by field like the other admin forms: <c>queue</c> (it must exist and have room),
/// <c>text</c> (1–500 characters, one line, no control characters), <c>startsAt</c> and <c>endsAt</c> (instants with an
/// offset; the end after the start).
/// </summary>
public static partial class AnnouncementValidation
{
    /// <summary>Per queue, ended ones included: every edge holds them all.</summary>
    public const int MaxPerQueue = 50;

    /// <summary>Checks <paramref name="input"/>; on success the announcement to store, its instants in UTC.</summary>
    /// <param name="now">The start when none is given.</param>
    /// <param name="queueExists">Whether a queue exists.</param>
    /// <param name="othersInQueue">How many other announcements the queue has (not counting this one when it is replaced).</param>
    public static (Announcement? Valid, Dictionary<string, string[]> Errors) Validate(
        Guid id, AnnouncementInput input, DateTimeOffset now, Func<string, bool> queueExists, Func<string, int> othersInQueue)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(queueExists);
        ArgumentNullException.ThrowIfNull(othersInQueue);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var queue = input.Queue?.Trim();
        if (string.IsNullOrEmpty(queue))
        {
            errors["queue"] = ["Choose the queue whose customers see it."];
        }
        else if (!AdminValidation.IsQueueName(queue) || !queueExists(queue))
        {
            errors["queue"] = [$"There is no queue named '{queue}'."];
        }
        else if (othersInQueue(queue) >= MaxPerQueue)
        {
            errors["queue"] = [$"'{queue}' has {MaxPerQueue} announcements already; delete ended ones first."];
        }

        var text = input.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > Announcement.MaxTextLength)
        {
            errors["text"] = [$"Write 1–{Announcement.MaxTextLength} characters."];
        }
        else if (!ValidText.Is(text) || text.Any(char.IsControl))
        {
            errors["text"] = ["Use one line of text, without control characters."];
        }

        var startsAt = string.IsNullOrWhiteSpace(input.StartsAt) ? now : Instant(input.StartsAt);
        if (startsAt is null)
        {
            errors["startsAt"] = [InstantError];
        }

        var endsAt = string.IsNullOrWhiteSpace(input.EndsAt) ? null : Instant(input.EndsAt);
        if (!string.IsNullOrWhiteSpace(input.EndsAt) && endsAt is null)
        {
            errors["endsAt"] = [InstantError];
        }
        else if (endsAt <= startsAt)
        {
            errors["endsAt"] = ["The end must come after the start."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new Announcement(id, queue!, text!, startsAt!.Value.ToUniversalTime(), endsAt?.ToUniversalTime()), errors);
    }

    private const string InstantError = "Give a date and time with its offset, such as 2026-12-07T09:00:00Z or 2026-12-07T10:00:00+01:00.";

    /// <summary>An ISO 8601 date and time that names its offset; anything else is not an instant.</summary>
    private static DateTimeOffset? Instant(string value) =>
        WithOffset().IsMatch(value.Trim())
        && DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant
            : null;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex WithOffset();
}
