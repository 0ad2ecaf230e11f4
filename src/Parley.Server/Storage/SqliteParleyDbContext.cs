using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Parley.Server.Storage;

// One model, two migration sets: each provider has its own context type, and EF Core keeps the migrations of a
// context type ([DbContext] attribute) apart, in Migrations/Sqlite and Migrations/Postgres. After changing the
// model, add a migration for both (from src/Parley.Server; each lands next to its provider's snapshot):
//   dotnet ef migrations add <Name> --context SqliteParleyDbContext
//   dotnet ef migrations add <Name> --context PostgresParleyDbContext
// The storage specification tests (tests/Parley.Server.Tests/Storage) fail while either set lags the model.

/// <summary><see cref="ParleyDbContext"/> on SQLite; its migrations are in Migrations/Sqlite.</summary>
public sealed class SqliteParleyDbContext(DbContextOptions<SqliteParleyDbContext> options) : ParleyDbContext(options);

/// <summary>
/// For <c>dotnet ef migrations add … --context SqliteParleyDbContext</c>: the same provider set-up as at run time,
/// on a placeholder database (adding a migration never connects).
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
