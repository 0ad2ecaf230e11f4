using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Server.Hosting;

namespace Parley.Server.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Registers the database chosen by <c>Parley:Database</c> (SQLite in the data directory by default, or PostgreSQL).
    /// Both providers' pooled factories are registered; <c>IDbContextFactory&lt;ParleyDbContext&gt;</c> hands out the
    /// chosen one's contexts, so the rest of the code never names a provider.
    /// </summary>
    public static IHostApplicationBuilder AddParleyStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPooledDbContextFactory<SqliteParleyDbContext>((services, db) =>
            StorageProviders.UseSqlite(db, StorageProviders.SqliteConnectionString(services.GetRequiredService<IOptions<ParleyOptions>>().Value)));
        builder.Services.AddPooledDbContextFactory<PostgresParleyDbContext>((services, db) =>
            StorageProviders.UsePostgres(db, StorageProviders.PostgresConnectionString(services.GetRequiredService<IOptions<ParleyOptions>>().Value)));
        builder.Services.AddSingleton<IDbContextFactory<ParleyDbContext>>(services =>
            StorageProviders.Parse(services.GetRequiredService<IOptions<ParleyOptions>>().Value.Database.Provider) switch
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
