using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Storage;

namespace Parley.Server.Audit;

/// <summary>
/// Writes the audit log. A change that is a database write stages its entry in the same context
/// (<see cref="Stage"/>), so the change and its record commit together or not at all; anything else records after
/// the fact (<see cref="RecordAsync"/>). Before and after are the subject's public definitions as JSON — never a
/// password or a secret (callers pass definitions, which carry none).
/// </summary>
public sealed class AuditLog(IDbContextFactory<ParleyDbContext> db, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds the entry to <paramref name="context"/>: it is saved with the context's next SaveChanges.</summary>
    public void Stage(ParleyDbContext context, string actor, string action, string subject, object? before, object? after) =>
        context.AuditEntries.Add(Entry(actor, action, subject, before, after));

    /// <summary>Records an entry on its own.</summary>
    public async Task RecordAsync(string actor, string action, string subject, object? before, object? after, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        Stage(context, actor, action, subject, before, after);
        await context.SaveChangesAsync(cancellationToken);
    }

    private AuditEntryRecord Entry(string actor, string action, string subject, object? before, object? after) => new()
    {
        At = time.GetUtcNow().ToUnixTimeMilliseconds(),
        Actor = actor,
        Action = action,
        Subject = subject,
        Before = before is null ? null : JsonSerializer.Serialize(before, before.GetType(), Json),
        After = after is null ? null : JsonSerializer.Serialize(after, after.GetType(), Json),
    };
}
