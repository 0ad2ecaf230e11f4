using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Parley.Server.Hosting;

namespace Parley.Server.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Registers the database chosen by <c>Parley:Database</c> (SQLite in the data directory by default, or PostgreSQL).
    /// Both providers' pooled factories are registered; <c>IDbContextFactory&lt;ParleyDbContext&gt;</c> hands out the
    /// chosen one's contexts, so the rest of the code never names a provider. On an edge, only the check that no
    /// database is configured there.
    /// </summary>
    public static IHostApplicationBuilder AddParleyStorage(this IHostApplicationBuilder builder, ParleyRole role)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>>(new DatabaseOptionsValidator(role));
        if (!role.HasCore)
        {
            return builder;
        }

        builder.Services.AddPooledDbContextFactory<SqliteParleyDbContext>((services, db) => StorageProviders.UseSqlite(db,
            StorageProviders.SqliteConnectionString(services.GetRequiredService<IOptions<DatabaseOptions>>().Value, services.GetRequiredService<IOptions<ParleyOptions>>().Value)));
        builder.Services.AddPooledDbContextFactory<PostgresParleyDbContext>((services, db) =>
            StorageProviders.UsePostgres(db, StorageProviders.PostgresConnectionString(services.GetRequiredService<IOptions<DatabaseOptions>>().Value)));
        builder.Services.AddSingleton<IDbContextFactory<ParleyDbContext>>(services =>
            StorageProviders.Parse(services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider) switch
            {
                StorageProvider.Sqlite => new ProviderDbContextFactory<SqliteParleyDbContext>(services.GetRequiredService<IDbContextFactory<SqliteParleyDbContext>>()),
                _ => new ProviderDbContextFactory<PostgresParleyDbContext>(services.GetRequiredService<IDbContextFactory<PostgresParleyDbContext>>()),
            });

        // CanConnect through the chosen provider: the same check for SQLite and PostgreSQL.
        builder.Services.AddHealthChecks().AddDbContextCheck<ParleyDbContext>("database");
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContext());
        return builder;
    }
}

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The providers <c>Parley:Database:Provider</c> names, and how each is set up (at run time and design time alike).</summary>
public static class StorageProviders
{
    /// <summary>The accepted values of <c>Parley:Database:Provider</c> (case-insensitive).</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetNames<StorageProvider>();

    public static StorageProvider Parse(string? name) =>
        Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) is { } known
            ? Enum.Parse<StorageProvider>(known)
            : throw new InvalidOperationException(
                $"Parley:Database:Provider '{name}' is not supported; use {string.Join(" or ", Names.Select(n => $"'{n}'"))}.");

    internal static string SqliteConnectionString(DatabaseOptions database, ParleyOptions parley)
    {
        if (!string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            return database.ConnectionString;
        }

        // Created owner-only before SQLite opens it: SQLite would create it world-readable, and its -wal/-shm after it.
        var path = Path.Combine(DataDirectory.Resolve(parley), "parley.db");
        DataDirectory.EnsurePrivateFile(path);
        return new SqliteConnectionStringBuilder { DataSource = path }.ToString();
    }

    internal static string PostgresConnectionString(DatabaseOptions database) =>
        string.IsNullOrWhiteSpace(database.ConnectionString)
            ? throw new InvalidOperationException(
                "Parley:Database:ConnectionString is required when Parley:Database:Provider is 'Postgres', "
                + "e.g. Host=127.0.0.1;Port=5432;Database=parley;Username=parley;Password=….")
            : database.ConnectionString;

    internal static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder db, string connectionString) =>
        db.UseSqlite(connectionString).AddInterceptors(new SqliteDurabilityInterceptor(), new UtcMicrosecondTimestamps());

    internal static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder db, string connectionString) =>
        db.UseNpgsql(connectionString).AddInterceptors(new UtcMicrosecondTimestamps());
}

/// <summary>Hands out the chosen provider's (pooled) contexts as <see cref="ParleyDbContext"/>.</summary>
internal sealed class ProviderDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<ParleyDbContext>
    where TContext : ParleyDbContext
{
    public ParleyDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<ParleyDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}

/// <summary>
/// WAL lets readers work while a message is written; synchronous=FULL makes a committed (and so acknowledged)
/// message survive a power cut, not only a process crash. SQLite only.
/// </summary>
internal sealed class SqliteDurabilityInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        // EF checks whether the database exists on a read-only connection, which cannot switch the journal mode of the
        // new, still empty database file (created owner-only before SQLite sees it, see SqliteConnectionString).
        command.CommandText = new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly
            ? "PRAGMA busy_timeout=5000;"
            : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;";
        command.ExecuteNonQuery();
    }
}

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
