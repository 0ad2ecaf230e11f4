using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Hosting;

namespace Parley.Server.Storage;

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
