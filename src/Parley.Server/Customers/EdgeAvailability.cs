using System.Collections.Frozen;
using Parley.Server.Calendars;
using Parley.Server.Contracts;
using Parley.Server.Transport;

namespace Parley.Server.Customers;

/// <summary>
/// The edge's copy of the queues' availability facts and their calendars, from the core (asked for at start and after
/// every outage, then told of every change): it answers a queue's availability on this server's clock with no
/// database and no call to the core, so a calendar closes on time even while the core is away. The queues'
/// announcements come with them; each request shows those active on this server's clock.
/// </summary>
public sealed partial class EdgeAvailability(TimeProvider time, ILogger<EdgeAvailability> logger)
{
    private Held? _held;
    private volatile bool _stale = true;

    /// <summary>Whether the copy may be behind: nothing received yet, or the core was unreachable since.</summary>
    public bool Stale => _stale;

    /// <summary>The queue's availability now, or null when this edge has no facts about it (yet).</summary>
    public QueueAvailability? For(string queue)
    {
        var held = Volatile.Read(ref _held);
        if (held is null || !held.Queues.TryGetValue(queue, out var opening))
        {
            return null;
        }

        var calendar = opening.Calendar is { } name ? held.Calendars.GetValueOrDefault(name) : null;
        return opening.At(calendar, time.GetUtcNow());
    }

    /// <summary>The queue's announcements shown now, in start order; none when this edge has heard of none.</summary>
    public IReadOnlyList<AnnouncementView> AnnouncementsFor(string queue) =>
        Volatile.Read(ref _held) is { } held && held.Announcements.TryGetValue(queue, out var announcements)
            ? Announcement.ShownAt(announcements, time.GetUtcNow())
            : [];

    /// <summary>Keeps the snapshot unless a newer one is held already (a change and an answer may cross).</summary>
    public void Apply(AvailabilitySnapshot snapshot)
    {
        var next = new Held(snapshot.Version, snapshot.Queues.ToFrozenDictionary(q => q.Queue, StringComparer.Ordinal), Build(snapshot.Calendars),
            (snapshot.Announcements ?? []).GroupBy(a => a.Queue, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal));
        while (true)
        {
            var held = Volatile.Read(ref _held);
            if (held is not null && held.Version >= snapshot.Version)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _held, next, held) == held)
            {
                return;
            }
        }
    }

    /// <summary>The core may have changed things this edge did not hear of: ask again at the next chance.</summary>
    public void MarkStale() => _stale = true;

    /// <summary>
    /// Asks the core for the whole snapshot; answers whether it got it. Only an ask made after an answered heartbeat
    /// (<paramref name="afterHeartbeat"/>) makes the copy current: the core tells its changes to the edges it has heard
    /// from, so a copy fetched before that may miss the next change and must be fetched again.
    /// </summary>
    public async Task<bool> RefreshAsync(ICoreClient core, bool afterHeartbeat, CancellationToken cancellationToken)
    {
        var result = await core.RequestAsync(new GetAvailability(), cancellationToken);
        if (result.Failure is not null)
        {
            return false;
        }

        Apply(result.Value!);
        if (afterHeartbeat)
        {
            _stale = false;
        }

        return true;
    }

    private FrozenDictionary<string, BusinessCalendar> Build(IReadOnlyList<CalendarDefinition> definitions)
    {
        var calendars = new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            try
            {
                calendars[definition.Name] = BusinessCalendar.Create(definition);
            }
            catch (InvalidCalendarException e)
            {
                // The core checked it; an edge of another version may not read it. Its queues count as open here.
                LogUnreadableCalendar(definition.Name, e.Message);
            }
        }

        return calendars.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Held(
        long Version,
        FrozenDictionary<string, QueueOpening> Queues,
        FrozenDictionary<string, BusinessCalendar> Calendars,
        FrozenDictionary<string, Announcement[]> Announcements);

    [LoggerMessage(EventId = 6110, Level = LogLevel.Warning, Message = "Calendar {Calendar} from the core cannot be read on this edge ({Reason}): its queues count as open here")]
    private partial void LogUnreadableCalendar(string calendar, string reason);
}
