using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Parley.Server.Hosting;

namespace Parley.Server.Storage;

public static class StorageExtensions
{
    /// <summary>Registers the database chosen by <c>Parley:Database</c> (SQLite in the data directory by default).</summary>
    public static IHostApplicationBuilder AddParleyStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPooledDbContextFactory<ParleyDbContext>((services, db) =>
        {
            var options = services.GetRequiredService<IOptions<ParleyOptions>>().Value;
            var connectionString = options.Database.ConnectionString
                ?? new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory.Resolve(options), "parley.db") }.ToString();
            db.UseSqlite(connectionString).AddInterceptors(new SqliteDurabilityInterceptor());
        });
        builder.Services.AddHealthChecks().AddDbContextCheck<ParleyDbContext>("database");
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContext());
        return builder;
    }
}

/// <summary>
/// WAL lets readers work while a message is written; synchronous=FULL makes a committed (and so acknowledged)
/// message survive a power cut, not only a process crash.
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
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;";
        command.ExecuteNonQuery();
    }
}
