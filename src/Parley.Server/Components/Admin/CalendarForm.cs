using System.Globalization;
using System.Text.Json;
using NodaTime;
using Parley.Server.Calendars;

namespace Parley.Server.Components.Admin;

/// <summary>
/// A business calendar as the admin page edits it: rows of text the browser's time and date inputs fill in. Turned
/// into a <see cref="CalendarDefinition"/> for <see cref="Parley.Server.Admin.AdminService"/>, which checks the rest;
/// what cannot even be read is a field error with the service's keys (<c>weekly[0].open</c>).
/// </summary>
public sealed class CalendarForm
{
    private static readonly NodaTime.Text.LocalTimePattern WithSeconds = NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");

    public string TimeZone { get; set; } = "Europe/Amsterdam";
    public List<WeeklyRow> Weekly { get; set; } = [];
    public List<ExceptionRow> Exceptions { get; set; } = [];
    public List<HolidayRow> Holidays { get; set; } = [];

    public static CalendarForm From(CalendarDefinition calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return new()
        {
            TimeZone = calendar.TimeZone,
            Weekly = [.. calendar.Weekly.Select(w => new WeeklyRow { Day = w.Day, Open = Time(w.Open), Close = Time(w.Close) })],
            Exceptions = [.. calendar.Exceptions.Select(e => new ExceptionRow { From = e.From, To = e.To, Reason = e.Reason, Hours = string.Join(", ", e.Hours.Select(h => $"{Time(h.Open)}-{Time(h.Close)}")) })],
            Holidays = [.. calendar.Holidays.Select(h => new HolidayRow { Date = h.Date, Name = h.Name })],
        };
    }

    /// <summary>The definition, or the fields that cannot be read.</summary>
    public (CalendarDefinition? Calendar, Dictionary<string, string[]> Errors) ToDefinition(string name)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        LocalTime ReadTime(string key, string? text)
        {
            // Blazor hands a time input's value over with seconds ("22:00:00").
            var trimmed = text?.Trim() ?? "";
            if (LocalTimeJsonConverter.Pattern.Parse(trimmed) is { Success: true } parsed)
            {
                return parsed.Value;
            }

            if (WithSeconds.Parse(trimmed) is { Success: true, Value.Second: 0 } withSeconds)
            {
                return withSeconds.Value;
            }

            errors[key] = [$"Use a time such as 09:00, not '{text}'."];
            return default;
        }

        DateOnly ReadDate(string key, DateOnly? date)
        {
            if (date is null)
            {
                errors[key] = ["Choose a date."];
            }

            return date ?? default;
        }

        var weekly = Weekly.Select((w, i) => new WeeklyHours(w.Day, ReadTime($"weekly[{i}].open", w.Open), ReadTime($"weekly[{i}].close", w.Close))).ToList();
        var exceptions = Exceptions.Select((e, i) => new CalendarException(
            ReadDate($"exceptions[{i}].from", e.From),
            e.To ?? e.From ?? default, // one date: "to" may stay empty
            string.IsNullOrWhiteSpace(e.Reason) ? null : e.Reason.Trim(),
            ReadHours($"exceptions[{i}].hours", e.Hours, errors))).ToList();
        var holidays = Holidays.Select((h, i) => new Holiday(ReadDate($"holidays[{i}].date", h.Date), h.Name ?? "")).ToList();
        return errors.Count > 0 ? (null, errors) : (new CalendarDefinition(name, TimeZone.Trim(), weekly, exceptions, holidays), errors);
    }

    /// <summary>A comparable form of the contents, to tell whether anything changed.</summary>
    public string Snapshot() => JsonSerializer.Serialize(this);

    // "09:00-13:00, 14:00-17:00"; empty: closed.
    private static List<OpeningHours> ReadHours(string key, string? text, Dictionary<string, string[]> errors)
    {
        var hours = new List<OpeningHours>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var times = part.Split(['-', '–'], StringSplitOptions.TrimEntries);
            if (times.Length == 2
                && LocalTimeJsonConverter.Pattern.Parse(times[0]) is { Success: true } open
                && LocalTimeJsonConverter.Pattern.Parse(times[1]) is { Success: true } close)
            {
                hours.Add(new OpeningHours(open.Value, close.Value));
            }
            else
            {
                errors[key] = ["Write hours as 09:00-13:00, several separated by commas; leave empty for closed."];
            }
        }

        return hours;
    }

    private static string Time(LocalTime time) => LocalTimeJsonConverter.Pattern.Format(time);

    public sealed class WeeklyRow
    {
        public DayOfWeek Day { get; set; } = DayOfWeek.Monday;
        public string Open { get; set; } = "09:00";
        public string Close { get; set; } = "17:00";
    }

    public sealed class ExceptionRow
    {
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public string? Reason { get; set; }

        /// <summary>The hours on those dates, <c>09:00-13:00, 14:00-17:00</c>; empty: closed.</summary>
        public string Hours { get; set; } = "";
    }

    public sealed class HolidayRow
    {
        public DateOnly? Date { get; set; }
        public string Name { get; set; } = "";
    }

    /// <summary>Monday first, as calendars on the wall.</summary>
    public static IReadOnlyList<DayOfWeek> Days { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static string DayName(DayOfWeek day) => CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(day);
}
