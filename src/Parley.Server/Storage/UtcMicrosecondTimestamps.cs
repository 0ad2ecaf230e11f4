using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Parley.Server.Storage;

/// <summary>
/// Server times are stored as UTC with microsecond precision on every provider (PostgreSQL's timestamptz holds
/// microseconds and only UTC offsets): values are normalized in the entities before they are saved, so what a
/// caller acknowledges after saving (a message's SentAt) is exactly what is read back later, on SQLite too.
/// </summary>
internal sealed class UtcMicrosecondTimestamps : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Normalize(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Normalize(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    private static void Normalize(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // The interceptor runs before SaveChanges detects changes; detect them here so modified entities are seen.
        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is DateTimeOffset value && Normalize(value) is var normalized && !normalized.EqualsExact(value))
                {
                    property.CurrentValue = normalized;
                }
            }
        }
    }
}
