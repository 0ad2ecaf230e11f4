using Parley.Server.Calendars;

namespace Parley.Server.Contracts;

/// <summary>
/// What an edge needs to tell one queue's availability on its own clock, without a database: its calendar's name,
/// its two policies, and whether any agent who could serve it is signed in (the core tells every change).
/// </summary>
public sealed record QueueOpening(string Queue, string? Calendar, AvailabilityPolicy ClosedPolicy, AvailabilityPolicy NoAgentsPolicy, bool AgentsSignedIn)
{
    /// <summary>
    /// The availability at <paramref name="now"/>: a closed calendar comes first (no agent is expected then), then
    /// the lack of agents. A queue without a calendar (or whose calendar is unknown here) is never closed.
    /// </summary>
    public QueueAvailability At(BusinessCalendar? calendar, DateTimeOffset now)
    {
        if (calendar is not null && !calendar.IsOpen(now))
        {
            return new QueueAvailability(AvailabilityState.Closed, ClosedPolicy, calendar.NextOpening(now));
        }

        return AgentsSignedIn ? QueueAvailability.Open : new QueueAvailability(AvailabilityState.NoAgents, NoAgentsPolicy, null);
    }
}
