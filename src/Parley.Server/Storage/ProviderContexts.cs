using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Parley.Server.Storage;

/// <summary><see cref="ParleyDbContext"/> on SQLite; its migrations are in Migrations/Sqlite.</summary>
public sealed class SqliteParleyDbContext(DbContextOptions<SqliteParleyDbContext> options) : ParleyDbContext(options);

/// <summary><see cref="ParleyDbContext"/> on PostgreSQL; its migrations are in Migrations/Postgres.</summary>
public sealed class PostgresParleyDbContext(DbContextOptions<PostgresParleyDbContext> options) : ParleyDbContext(options);

/// <summary>
/// For <c>dotnet ef migrations add … --context SqliteParleyDbContext --output-dir Storage/Migrations/Sqlite</c>:
/// the same provider set-up as at run time, on a placeholder database (adding a migration never connects).
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteParleyDbContext>
{
    public SqliteParleyDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteParleyDbContext>();
        StorageProviders.UseSqlite(options, "Data Source=parley-design.db");
        return new SqliteParleyDbContext(options.Options);
    }
}

/// <summary>For <c>dotnet ef migrations add … --context PostgresParleyDbContext --output-dir Storage/Migrations/Postgres</c>.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresParleyDbContext>
{
    public PostgresParleyDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresParleyDbContext>();
        StorageProviders.UsePostgres(options, "Host=127.0.0.1;Database=parley_design;Username=parley");
        return new PostgresParleyDbContext(options.Options);
    }
}
