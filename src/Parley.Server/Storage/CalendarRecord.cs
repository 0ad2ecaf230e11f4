using Parley.Server.Calendars;

namespace Parley.Server.Storage;

/// <summary>A stored business calendar (table <c>calendars</c>): its zone, and its weekly hours, exceptions and holidays as JSON.</summary>
public sealed class CalendarRecord
{
    public required string Name { get; set; }
    public required string TimeZone { get; set; }
    public List<WeeklyHours> Weekly { get; set; } = [];
    public List<CalendarException> Exceptions { get; set; } = [];
    public List<Holiday> Holidays { get; set; } = [];

    public CalendarDefinition ToDefinition() => new(Name, TimeZone, [.. Weekly], [.. Exceptions], [.. Holidays]);

    /// <summary>Writes a validated definition into a (new or tracked) record; the name is not touched.</summary>
    public void Apply(CalendarDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        TimeZone = definition.TimeZone.Trim();
        Weekly = [.. definition.Weekly];
        Exceptions = [.. definition.Exceptions.Select(e => e with { Reason = string.IsNullOrWhiteSpace(e.Reason) ? null : e.Reason.Trim() })];
        Holidays = [.. definition.Holidays.Select(h => h with { Name = h.Name.Trim() })];
    }
}
