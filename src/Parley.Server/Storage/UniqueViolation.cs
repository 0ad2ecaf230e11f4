using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Parley.Server.Storage;

/// <summary>Whether a write failed because a row with the same key is already stored (on either provider).</summary>
public static class UniqueViolation
{
    // SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE; PostgreSQL's unique_violation.
    private const int SqlitePrimaryKey = 1555;
    private const int SqliteUnique = 2067;

    public static bool Is(Exception exception) =>
        (exception as DbUpdateException)?.InnerException is SqliteException { SqliteExtendedErrorCode: SqlitePrimaryKey or SqliteUnique }
            or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
