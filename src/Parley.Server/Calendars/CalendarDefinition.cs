using System.Text.Json.Serialization;
using NodaTime;

namespace Parley.Server.Calendars;

// The one shape of a business calendar: configuration (Parley:Calendars), the admin API, storage and the messages to
// edges all carry it as JSON (camelCase; days "monday", times "09:00", dates "2026-12-25"; see docs/workflows.md).
// Its parts stay in this file: they are the calendar's, nothing else's. BusinessCalendar checks and evaluates it.

/// <summary>
/// When a queue is open: weekly hours in an IANA time zone, dated exceptions and holidays. For each date the first of
/// these that applies decides: an exception covering it (its hours, or closed when it has none), else a holiday
/// (closed), else the weekly hours of that day of the week. A left-out or null list reads as empty.
/// </summary>
/// <param name="Name">Stable name that queues refer to: <c>^[a-z0-9][a-z0-9-]{0,63}$</c>.</param>
/// <param name="TimeZone">IANA time-zone id, for example <c>Europe/Amsterdam</c>.</param>
public sealed record CalendarDefinition(
    string Name,
    string TimeZone,
    IReadOnlyList<WeeklyHours> Weekly,
    IReadOnlyList<CalendarException> Exceptions,
    IReadOnlyList<Holiday> Holidays)
{
    // JSON may leave a list out or send null: it reads as empty, so no reader of a definition meets a null list.
    public IReadOnlyList<WeeklyHours> Weekly { get; init; } = Weekly ?? [];

    public IReadOnlyList<CalendarException> Exceptions { get; init; } = Exceptions ?? [];

    public IReadOnlyList<Holiday> Holidays { get; init; } = Holidays ?? [];
}

/// <summary>
/// Open on <paramref name="Day"/> from <paramref name="Open"/> to <paramref name="Close"/>. A close at or before the
/// open runs past midnight into the next day (<c>22:00</c>–<c>06:00</c>; <c>00:00</c>–<c>00:00</c> is the whole day).
/// The interval belongs to the day it opens on: that day's exception or holiday decides whether it happens at all.
/// </summary>
// JsonRequired: a left-out day or time would read as Sunday or 00:00, and 00:00–00:00 is open all day.
public sealed record WeeklyHours(
    [property: JsonRequired, JsonConverter(typeof(DayOfWeekJsonConverter))] DayOfWeek Day,
    [property: JsonRequired, JsonConverter(typeof(LocalTimeJsonConverter))] LocalTime Open,
    [property: JsonRequired, JsonConverter(typeof(LocalTimeJsonConverter))] LocalTime Close);

/// <summary>Open from <paramref name="Open"/> to <paramref name="Close"/> on an exception's dates (past midnight as for <see cref="WeeklyHours"/>).</summary>
public sealed record OpeningHours(
    [property: JsonRequired, JsonConverter(typeof(LocalTimeJsonConverter))] LocalTime Open,
    [property: JsonRequired, JsonConverter(typeof(LocalTimeJsonConverter))] LocalTime Close);

/// <summary>
/// From <paramref name="From"/> to <paramref name="To"/> (both included) these hours replace the weekly ones; no
/// hours: closed. An exception wins over a holiday on the same date.
/// </summary>
public sealed record CalendarException([property: JsonRequired] DateOnly From, [property: JsonRequired] DateOnly To, string? Reason, IReadOnlyList<OpeningHours> Hours)
{
    public IReadOnlyList<OpeningHours> Hours { get; init; } = Hours ?? [];
}

/// <summary>Closed all day on <paramref name="Date"/> (unless an exception covers it).</summary>
public sealed record Holiday([property: JsonRequired] DateOnly Date, string Name);
