using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Storage;

namespace Parley.Server.Queues;

/// <summary>The queues, read once from the database and kept in memory (they change rarely, are read per chat).</summary>
public sealed class QueueCatalog(IDbContextFactory<ParleyDbContext> db, QueueWorkflows workflows)
{
    private FrozenDictionary<string, QueueRecord> _queues = FrozenDictionary<string, QueueRecord>.Empty;

    public IReadOnlyCollection<QueueRecord> All => _queues.Values;

    /// <summary>Raised after every reload (a queue added, changed or removed); handlers must be short and not throw.</summary>
    public event Action? Changed;

    public QueueRecord? Find(string name) => _queues.GetValueOrDefault(name);

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        // Versions first: a queue in the catalog never points at a workflow version memory does not hold yet.
        await workflows.ReloadAsync(cancellationToken);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var queues = await context.Queues.AsNoTracking().ToListAsync(cancellationToken);
        _queues = queues.ToFrozenDictionary(q => q.Name, StringComparer.Ordinal);
        Changed?.Invoke();
    }
}
