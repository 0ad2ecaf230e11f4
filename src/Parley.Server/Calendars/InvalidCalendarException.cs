namespace Parley.Server.Calendars;

/// <summary>A calendar definition that does not pass <see cref="CalendarValidation"/>; <see cref="Errors"/> names each field.</summary>
public sealed class InvalidCalendarException : Exception
{
    public InvalidCalendarException(string? name, IReadOnlyDictionary<string, string[]> errors)
        : base($"The calendar '{name}' is not valid: " + string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))))
    {
        Errors = errors;
    }

    public InvalidCalendarException()
        : this(null, new Dictionary<string, string[]>())
    {
    }

    public InvalidCalendarException(string message)
        : base(message)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public InvalidCalendarException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
