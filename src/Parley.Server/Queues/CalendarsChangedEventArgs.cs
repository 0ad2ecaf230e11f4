namespace Parley.Server.Queues;

/// <summary>The names of the calendars a reload added, changed or removed.</summary>
public sealed class CalendarsChangedEventArgs(IReadOnlyList<string> names) : EventArgs
{
    public IReadOnlyList<string> Names { get; } = names;
}
