namespace Parley.Server.Calendars;

/// <summary>An iCalendar file that cannot be imported (too large, malformed, too many events); the message says why.</summary>
public sealed class CalendarImportException : Exception
{
    public CalendarImportException()
    {
    }

    public CalendarImportException(string message)
        : base(message)
    {
    }

    public CalendarImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
