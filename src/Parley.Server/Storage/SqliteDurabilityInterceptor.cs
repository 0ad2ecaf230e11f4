using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Parley.Server.Storage;

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
