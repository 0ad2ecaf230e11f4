using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Calendars;
using Parley.Server.Storage;

namespace Parley.Server.Queues;

/// <summary>
/// The business calendars, read from the database (where start-up wrote the configured ones, <c>Parley:Calendars</c>)
/// and kept in memory, each built once: they change rarely and are asked "open now?" per chat start.
/// </summary>
public sealed class CalendarCatalog(IDbContextFactory<ParleyDbContext> db)
{
    private FrozenDictionary<string, BusinessCalendar> _calendars = FrozenDictionary<string, BusinessCalendar>.Empty;

    /// <summary>
    /// Raised after a reload that added, changed or removed calendars, with their names (for example to push
    /// availability to the edges). Handlers run on the reloading thread: keep them short and do not throw.
    /// </summary>
    public event EventHandler<CalendarsChangedEventArgs>? Changed;

    /// <summary>Every calendar's definition, by name.</summary>
    public IReadOnlyList<CalendarDefinition> All => [.. _calendars.Values.Select(c => c.Definition).OrderBy(c => c.Name, StringComparer.Ordinal)];

    public BusinessCalendar? Find(string name) => _calendars.GetValueOrDefault(name);

    public bool Contains(string name) => _calendars.ContainsKey(name);

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var records = await context.Calendars.AsNoTracking().ToListAsync(cancellationToken);
        var before = _calendars;
        // A stored calendar was checked when it was written; should one no longer pass (say its zone left the
        // database), it fails loudly here rather than answering wrongly later.
        var after = records.ToFrozenDictionary(r => r.Name, r => BusinessCalendar.Create(r.ToDefinition()), StringComparer.Ordinal);
        _calendars = after;
        var changed = before.Keys.Union(after.Keys)
            .Where(name => !before.TryGetValue(name, out var old) || !after.TryGetValue(name, out var now) || !SameDefinition(old.Definition, now.Definition))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (changed.Count > 0)
        {
            Changed?.Invoke(this, new CalendarsChangedEventArgs(changed));
        }
    }

    // Records compare their lists by reference; the stored form compares the content.
    private static bool SameDefinition(CalendarDefinition a, CalendarDefinition b) =>
        System.Text.Json.JsonSerializer.Serialize(a) == System.Text.Json.JsonSerializer.Serialize(b);
}
