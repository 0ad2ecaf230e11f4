using Microsoft.EntityFrameworkCore;
using Parley.Server.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Queues;

/// <summary>
/// The queues' announcements, read from the database and kept in memory: they change rarely, and every edge gets all
/// of them with the queues' facts. Deleting a queue deletes its announcements in the database (a cascading foreign
/// key); the catalog lets them go when the queue catalog no longer has the queue, so they never come back with a new
/// queue of the same name.
/// </summary>
public sealed class AnnouncementCatalog
{
    private readonly IDbContextFactory<ParleyDbContext> _db;
    private readonly QueueCatalog _queues;
    private IReadOnlyList<Announcement> _all = [];

    public AnnouncementCatalog(IDbContextFactory<ParleyDbContext> db, QueueCatalog queues)
    {
        _db = db;
        _queues = queues;
        queues.Changed += ForgetDeletedQueues;
    }

    /// <summary>Raised after a reload or a queue's deletion changed them; handlers run on that thread: keep them short and do not throw.</summary>
    public event Action? Changed;

    /// <summary>Every announcement, by queue and then in start order. The same list until something changes.</summary>
    public IReadOnlyList<Announcement> All => _all;

    public Announcement? Find(Guid id) => _all.FirstOrDefault(a => a.Id == id);

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var context = await _db.CreateDbContextAsync(cancellationToken);
        var records = await context.Announcements.AsNoTracking().ToListAsync(cancellationToken);
        // Sorted here: SQLite cannot order by a DateTimeOffset. A queue deleted while this read ran is left out, as its
        // deletion's prune would have.
        Replace([.. records.Where(r => _queues.Find(r.Queue) is not null).Select(r => r.ToAnnouncement()).OrderBy(a => a.Queue, StringComparer.Ordinal).ThenBy(a => a.StartsAt).ThenBy(a => a.Id)]);
    }

    private void ForgetDeletedQueues()
    {
        var all = _all;
        if (all.Any(a => _queues.Find(a.Queue) is null))
        {
            Replace([.. all.Where(a => _queues.Find(a.Queue) is not null)]);
        }
    }

    private void Replace(Announcement[] next)
    {
        var before = Interlocked.Exchange(ref _all, next);
        if (!before.SequenceEqual(next))
        {
            Changed?.Invoke();
        }
    }
}
