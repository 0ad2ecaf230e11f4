using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Parley.Server.Storage;

/// <summary><see cref="ParleyDbContext"/> on PostgreSQL; its migrations are in Migrations/Postgres.</summary>
public sealed class PostgresParleyDbContext(DbContextOptions<PostgresParleyDbContext> options) : ParleyDbContext(options);

/// <summary>For <c>dotnet ef migrations add … --context PostgresParleyDbContext</c>; no server is needed.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresParleyDbContext>
{
    public PostgresParleyDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresParleyDbContext>();
        StorageProviders.UsePostgres(options, "Host=127.0.0.1;Database=parley_design;Username=parley");
        return new PostgresParleyDbContext(options.Options);
    }
}
