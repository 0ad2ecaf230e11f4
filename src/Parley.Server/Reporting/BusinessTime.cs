using Parley.Server.Calendars;

namespace Parley.Server.Reporting;

/// <summary>The part of a span that a business calendar has open: the business-hours variant of a duration.</summary>
public static class BusinessTime
{
    public static long BetweenMs(BusinessCalendar calendar, long fromMs, long toMs)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(fromMs);
        var end = DateTimeOffset.FromUnixTimeMilliseconds(toMs);
        long open = 0;
        while (at < end)
        {
            if (calendar.IsOpen(at))
            {
                var change = calendar.NextChange(at) is { } c && c < end ? c : end;
                open += (long)(change - at).TotalMilliseconds;
                at = change;
            }
            else if (calendar.NextOpening(at) is { } opening)
            {
                at = opening;
            }
            else
            {
                break;
            }
        }

        return open;
    }
}
