using System.Text.RegularExpressions;
using NodaTime;

namespace Parley.Server.Calendars;

/// <summary>
/// The checks of a <see cref="CalendarDefinition"/>, as field errors keyed like the admin API's
/// (<c>weekly[2].close</c> → messages), so the API, the admin pages and configuration name the same fields.
/// </summary>
public static partial class CalendarValidation
{
    public const int MaxWeeklyHours = 70;
    public const int MaxExceptions = 500;
    public const int MaxHoursPerException = 10;
    public const int MaxHolidays = 1000;
    public const int MaxTextLength = 100;

    private const int MinutesPerDay = 24 * 60;
    private const int MinutesPerWeek = 7 * MinutesPerDay;

    public static bool IsCalendarName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>The zone of an IANA id from NodaTime's embedded database (the same on every machine), or null.</summary>
    public static DateTimeZone? FindZone(string? id) => string.IsNullOrWhiteSpace(id) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id.Trim());

    public static Dictionary<string, string[]> Validate(CalendarDefinition calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, string message) => (errors.TryGetValue(key, out var list) ? list : errors[key] = []).Add(message);

        if (!IsCalendarName(calendar.Name))
        {
            Add("name", "Use 1–64 lower-case letters, digits and dashes, starting with a letter or digit.");
        }

        if (FindZone(calendar.TimeZone) is null)
        {
            Add("timeZone", $"'{calendar.TimeZone}' is not an IANA time zone; use an id such as Europe/Amsterdam or America/New_York.");
        }

        var weekly = calendar.Weekly ?? [];
        if (weekly.Count > MaxWeeklyHours)
        {
            Add("weekly", $"At most {MaxWeeklyHours} intervals.");
        }

        var week = new List<(int Start, int End, int Index)>();
        foreach (var (hours, i) in weekly.Select((h, i) => (h, i)))
        {
            if (hours is null || !Enum.IsDefined(hours.Day))
            {
                Add($"weekly[{i}]", hours is null ? "Empty entry." : "Unknown day.");
                continue;
            }

            var (start, end) = Minutes(hours.Open, hours.Close);
            var offset = ((int)hours.Day + 6) % 7 * MinutesPerDay; // Monday first
            var other = week.FindIndex(w => OverlapsInWeek(w.Start, w.End, offset + start, offset + end));
            if (other >= 0)
            {
                Add($"weekly[{i}]", $"Overlaps {Describe(weekly[week[other].Index])}.");
            }

            week.Add((offset + start, offset + end, i));
        }

        var exceptions = calendar.Exceptions ?? [];
        if (exceptions.Count > MaxExceptions)
        {
            Add("exceptions", $"At most {MaxExceptions} exceptions.");
        }

        var ranges = new List<(DateOnly From, DateOnly To, int Index)>();
        foreach (var (exception, i) in exceptions.Select((e, i) => (e, i)))
        {
            var path = $"exceptions[{i}]";
            if (exception is null)
            {
                Add(path, "Empty entry.");
                continue;
            }

            if (exception.From > exception.To)
            {
                Add($"{path}.to", $"Ends ({exception.To:yyyy-MM-dd}) before it starts ({exception.From:yyyy-MM-dd}).");
            }
            else if (ranges.FindIndex(r => r.From <= exception.To && exception.From <= r.To) is var other and >= 0)
            {
                Add(path, $"Overlaps the exception from {ranges[other].From:yyyy-MM-dd} to {ranges[other].To:yyyy-MM-dd}: one exception per date.");
            }

            ranges.Add((exception.From, exception.To, i));
            CheckText(Add, $"{path}.reason", exception.Reason, required: false);
            var hours = exception.Hours ?? [];
            if (hours.Count > MaxHoursPerException)
            {
                Add($"{path}.hours", $"At most {MaxHoursPerException} intervals.");
            }

            var day = new List<(int Start, int End, int Index)>();
            foreach (var (h, k) in hours.Select((h, k) => (h, k)))
            {
                if (h is null)
                {
                    Add($"{path}.hours[{k}]", "Empty entry.");
                    continue;
                }

                var (start, end) = Minutes(h.Open, h.Close);
                if (day.FindIndex(d => d.Start < end && start < d.End) is var other and >= 0)
                {
                    Add($"{path}.hours[{k}]", $"Overlaps {LocalTimeJsonConverter.Pattern.Format(hours[day[other].Index].Open)}–{LocalTimeJsonConverter.Pattern.Format(hours[day[other].Index].Close)}.");
                }

                day.Add((start, end, k));
            }
        }

        var holidays = calendar.Holidays ?? [];
        if (holidays.Count > MaxHolidays)
        {
            Add("holidays", $"At most {MaxHolidays} holidays.");
        }

        var dates = new Dictionary<DateOnly, int>();
        foreach (var (holiday, i) in holidays.Select((h, i) => (h, i)))
        {
            var path = $"holidays[{i}]";
            if (holiday is null)
            {
                Add(path, "Empty entry.");
                continue;
            }

            if (!dates.TryAdd(holiday.Date, i))
            {
                Add($"{path}.date", $"{holiday.Date:yyyy-MM-dd} is already a holiday ({holidays[dates[holiday.Date]].Name}).");
            }

            CheckText(Add, $"{path}.name", holiday.Name, required: true);
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>An interval as minutes after its day's midnight; a close at or before the open is on the next day.</summary>
    internal static (int Start, int End) Minutes(LocalTime open, LocalTime close)
    {
        var start = open.Hour * 60 + open.Minute;
        var end = close.Hour * 60 + close.Minute;
        return (start, end <= start ? end + MinutesPerDay : end);
    }

    public static string Describe(WeeklyHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return $"{DayOfWeekJsonConverter.Format(hours.Day)} {LocalTimeJsonConverter.Pattern.Format(hours.Open)}–{LocalTimeJsonConverter.Pattern.Format(hours.Close)}";
    }

    /// <summary>Two intervals of the week (minutes after Monday 00:00, the end may pass Sunday midnight) overlap, the week seen as a circle.</summary>
    private static bool OverlapsInWeek(int start1, int end1, int start2, int end2) =>
        new[] { -MinutesPerWeek, 0, MinutesPerWeek }.Any(shift => start1 < end2 + shift && start2 + shift < end1);

    private static void CheckText(Action<string, string> add, string path, string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                add(path, "Required.");
            }

            return;
        }

        if (text.Trim().Length > MaxTextLength)
        {
            add(path, $"At most {MaxTextLength} characters.");
        }

        if (text.Any(char.IsControl))
        {
            add(path, "No control characters.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
