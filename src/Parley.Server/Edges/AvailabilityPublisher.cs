using Parley.Server.Calendars;
using Parley.Server.Contracts;
using Parley.Server.Queues;
using Parley.Server.RoutingHost;
using Parley.Server.Storage;
using Parley.Server.Transport;

namespace Parley.Server.Edges;

/// <summary>
/// The core's account of every queue's availability facts — its calendar, its two policies, whether an agent who could
/// serve it is signed in (from the live board's queue figures) — and of the calendars. Whenever these facts change,
/// the whole snapshot goes to every edge; an edge asks for it itself at start and after an outage. Open or closed is
/// worked out wherever it is needed, from the calendars, on that server's clock: no push is needed when a day begins.
/// The queues' announcements travel with them, and each edge shows those active on its own clock.
/// </summary>
public sealed partial class AvailabilityPublisher(
    QueueCatalog queues,
    CalendarCatalog calendars,
    AnnouncementCatalog announcements,
    LiveBoard board,
    IEdgePublisher edges,
    TimeProvider time,
    ILogger<AvailabilityPublisher> logger) : IHostedService
{
    private readonly Lock _gate = new();
    private AvailabilitySnapshot? _current;
    private long _version;

    /// <summary>The snapshot as things are now (an edge's ask). A change this read noticed first goes to every edge too.</summary>
    public AvailabilitySnapshot Current
    {
        get
        {
            OnChanged(out var snapshot);
            return snapshot;
        }
    }

    /// <summary>The queue's availability now, on the core's clock; null for an unknown queue. Derived on each call.</summary>
    public QueueAvailability? For(string queue) =>
        queues.Find(queue) is { } record
            ? OpeningOf(record, board.Queues.FirstOrDefault(q => q.Queue == queue)?.AgentsSignedIn > 0)
                .At(record.Calendar is { } name ? calendars.Find(name) : null, time.GetUtcNow())
            : null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        board.Changed += OnChanged;
        calendars.Changed += OnCalendarsChanged;
        queues.Changed += OnChanged;
        announcements.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        board.Changed -= OnChanged;
        calendars.Changed -= OnCalendarsChanged;
        queues.Changed -= OnChanged;
        announcements.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnCalendarsChanged(object? sender, CalendarsChangedEventArgs e) => OnChanged();

    private void OnChanged() => OnChanged(out _);

    /// <summary>
    /// Whoever reads a change first broadcasts it: a later read finds nothing new, so an ask that noticed a change and
    /// kept it to itself would leave every other edge behind.
    /// </summary>
    private void OnChanged(out AvailabilitySnapshot snapshot)
    {
        (snapshot, var changed) = Refresh();
        if (changed)
        {
            _ = BroadcastAsync(snapshot);
        }
    }

    private async Task BroadcastAsync(AvailabilitySnapshot snapshot)
    {
        try
        {
            await edges.BroadcastAsync(new AvailabilityChanged(snapshot), CancellationToken.None);
        }
        catch (Exception e)
        {
            // An edge that missed it asks again after its next outage; the next change carries everything anyway.
            LogBroadcastFailed(e, snapshot.Version);
        }
    }

    /// <summary>The facts as they are now; a new version only when they differ from the last ones.</summary>
    private (AvailabilitySnapshot Snapshot, bool Changed) Refresh()
    {
        // Read under the gate (memory only): versions then follow the order of the reads, so a refresh that read the
        // facts before a change can never outrank, with a later version, one that read them after it.
        lock (_gate)
        {
            var signedIn = board.Queues.ToDictionary(q => q.Queue, q => q.AgentsSignedIn > 0, StringComparer.Ordinal);
            List<QueueOpening> openings = [.. queues.All
                .OrderBy(q => q.Name, StringComparer.Ordinal)
                .Select(q => OpeningOf(q, signedIn.GetValueOrDefault(q.Name)))];
            var definitions = calendars.All;
            // An ended announcement never shows again: the edges need only the others (each still filters on its clock).
            var now = time.GetUtcNow();
            List<Announcement> notices = [.. announcements.All.Where(a => a.StateAt(now) != AnnouncementState.Ended)];
            if (_current is { } current && current.Queues.SequenceEqual(openings) && Same(current.Calendars, definitions)
                && current.Announcements.SequenceEqual(notices))
            {
                return (current, false);
            }

            // Rises across restarts too (the clock's ticks), so an edge never keeps an older core's facts over newer ones.
            _version = Math.Max(_version + 1, now.UtcTicks);
            _current = new AvailabilitySnapshot(_version, definitions, openings) { Announcements = notices };
            return (_current, true);
        }
    }

    private static QueueOpening OpeningOf(QueueRecord queue, bool agentsSignedIn) =>
        new(queue.Name, queue.Calendar, queue.ClosedPolicy, queue.NoAgentsPolicy, agentsSignedIn);

    // The catalog hands out the same definitions until a reload changes one.
    private static bool Same(IReadOnlyList<CalendarDefinition> a, IReadOnlyList<CalendarDefinition> b) =>
        a.Count == b.Count && a.Zip(b).All(p => ReferenceEquals(p.First, p.Second));

    [LoggerMessage(EventId = 6210, Level = LogLevel.Warning, Message = "Telling the edges of availability version {Version} failed")]
    private partial void LogBroadcastFailed(Exception exception, long version);
}
