using System.Globalization;
using Parley.Routing;
using Parley.Server.Contracts;
using Parley.Server.Queues;

namespace Parley.Server.Components.Desk;

/// <summary>Wording and formatting shared by the desktop and admin components.</summary>
public static class DeskText
{
    public static string WithdrawnNote(string customerName, string reason) => reason switch
    {
        "timedOut" => $"Offer for {customerName} timed out",
        "declined" => $"Offer for {customerName} declined",
        "taken" => $"Chat with {customerName} was taken by another agent",
        "unavailable" => $"Offer for {customerName} withdrawn: you are not available",
        _ => $"{customerName} left before the chat started",
    };

    public static string PresenceName(AgentPresence presence) => presence switch
    {
        AgentPresence.Available => "Available",
        AgentPresence.Away => "Away",
        AgentPresence.DoNotDisturb => "Do not disturb",
        _ => "Offline",
    };

    public static string PresenceClass(AgentPresence presence) => presence switch
    {
        AgentPresence.Available => "available",
        AgentPresence.Away => "away",
        AgentPresence.DoNotDisturb => "dnd",
        _ => "offline",
    };

    /// <summary>The routing status in a word or two (for the admin board and the desktop's status card).</summary>
    public static string StatusName(AgentStatus status) => status switch
    {
        AgentStatus.Ready => "Ready",
        AgentStatus.Busy => "Busy",
        AgentStatus.WrapUp => "Wrap-up",
        AgentStatus.ExternalBusy => "On a voice call",
        AgentStatus.Away => "Away",
        AgentStatus.DoNotDisturb => "Do not disturb",
        _ => "Offline",
    };

    public static string StatusClass(AgentStatus status) => status switch
    {
        AgentStatus.Ready => "ready",
        AgentStatus.Busy => "busy",
        AgentStatus.WrapUp => "wrapup",
        AgentStatus.ExternalBusy => "external",
        AgentStatus.Away => "away",
        AgentStatus.DoNotDisturb => "dnd",
        _ => "offline",
    };

    /// <summary>The statuses in board order (ready first).</summary>
    public static IReadOnlyList<AgentStatus> StatusOrder { get; } =
        [AgentStatus.Ready, AgentStatus.Busy, AgentStatus.WrapUp, AgentStatus.ExternalBusy, AgentStatus.Away, AgentStatus.DoNotDisturb, AgentStatus.Offline];

    /// <summary>Why the agent cannot take a chat elsewhere: the external sources, e.g. "voice" (an integration's name).</summary>
    public static string Sources(IReadOnlyList<string> sources) => string.Join(", ", sources);

    /// <summary>m:ss left until <paramref name="until"/> (never negative).</summary>
    public static string Countdown(DateTimeOffset? until, DateTimeOffset now)
    {
        if (until is null)
        {
            return "—";
        }

        var left = until.Value - now;
        if (left < TimeSpan.Zero)
        {
            left = TimeSpan.Zero;
        }

        var seconds = (int)Math.Ceiling(left.TotalSeconds);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}:{seconds % 60:00}");
    }

    /// <summary>A wait estimate in words: "under a minute", "about 3 min"; without one, why ("nobody serving", "unknown: all busy"), else "—".</summary>
    public static string Estimate(TimeSpan? wait, NoEstimateReason? why = null)
    {
        if (wait is not { } w)
        {
            return why switch
            {
                NoEstimateReason.NobodyServing => "nobody serving",
                NoEstimateReason.AgentsBusy => "unknown: all busy",
                _ => "—",
            };
        }

        if (w < TimeSpan.FromMinutes(1))
        {
            return "< 1 min";
        }

        var minutes = (int)Math.Round(w.TotalMinutes);
        return minutes >= 120 ? string.Create(CultureInfo.InvariantCulture, $"~{minutes / 60} h") : string.Create(CultureInfo.InvariantCulture, $"~{minutes} min");
    }

    public static string TransferFailedNote(string toAgentName, string customerName, string reason) => reason switch
    {
        "declined" => $"{toAgentName} declined the chat with {customerName}; it stays with you",
        "timedOut" => $"{toAgentName} did not answer in time; the chat with {customerName} stays with you",
        "unavailable" => $"{toAgentName} is not available any more; the chat with {customerName} stays with you",
        _ => $"The transfer of {customerName} to {toAgentName} did not go through; the chat stays with you",
    };

    /// <summary>A server time in the viewer's zone: the time of day, with the date if not today.</summary>
    public static string Time(DateTimeOffset at, TimeZoneInfo zone, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        return local.Date == today
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("d MMM, HH:mm", CultureInfo.InvariantCulture);
    }

    public static string FullTime(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM yyyy, HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>mm:ss (or h:mm:ss) since <paramref name="since"/>.</summary>
    public static string Clock(DateTimeOffset? since, DateTimeOffset now)
    {
        if (since is null)
        {
            return "—";
        }

        var elapsed = now - since.Value;
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }

        return elapsed.TotalHours >= 1
            ? elapsed.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : elapsed.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
    }

    public static string Initials(string? name)
    {
        var parts = (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length switch
        {
            0 => "?",
            1 => parts[0][..1].ToUpperInvariant(),
            _ => string.Concat(parts[0][..1], parts[^1][..1]).ToUpperInvariant(),
        };
    }

    /// <summary>The label of a pre-chat question (from the queue's settings), or its id.</summary>
    /// <summary>
    /// Why the agent cannot take a waiting chat now, in plain words; null when they can. Routing refuses a pick
    /// unless the agent is Available, out of wrap-up, not busy elsewhere and below capacity (docs/routing.md).
    /// </summary>
    public static string? PickBlocked(AgentStateView state) => state switch
    {
        { Presence: not AgentPresence.Available } => "Set yourself Available to take a chat.",
        { Status: AgentStatus.WrapUp } => "You can take a chat when your wrap-up ends.",
        { Status: AgentStatus.ExternalBusy } => "You can take a chat when you are no longer busy elsewhere.",
        { Capacity: var capacity } when state.ActiveConversations + state.PendingOffers >= capacity => "You have as many chats as you can take.",
        _ => null,
    };

    public static string QuestionLabel(QueueCatalog queues, string queue, string questionId) =>
        queues.Find(queue)?.Questions.FirstOrDefault(q => q.Id == questionId)?.Label ?? questionId;

    /// <summary>Finds a time zone by IANA id; UTC when unknown.</summary>
    public static TimeZoneInfo Zone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
