using Microsoft.EntityFrameworkCore;
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
        builder.Services.AddSingleton<ReportLogSignal>();
        builder.Services.AddSingleton(services => new WriteTurns(services.GetRequiredService<IOptions<DatabaseOptions>>()));
        return builder;
    }
}
