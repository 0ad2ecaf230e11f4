using Microsoft.Data.Sqlite;
using Parley.Server.Storage;
using SQLitePCL;

namespace Parley.ReportBench.Loading;

/// <summary>
/// SQLite: one prepared multi-row INSERT of <see cref="RowsPerStatement"/> rows, bound by position and stepped again and
/// again inside transactions of about <see cref="RowsPerTransaction"/> rows. Through SQLite's own API
/// (Microsoft.Data.Sqlite binds every parameter by name, which SQLite looks up by a linear search: at 500 rows a statement
/// that cost 40 times more than the insert). Guids as EF Core stores them (upper-case text).
/// </summary>
public sealed class SqliteFactLoader(string connectionString) : IFactLoader
{
    public const int RowsPerStatement = 256; // 17 columns: 4,352 parameters, under SQLite's 32,766
    public const int RowsPerTransaction = 100_000;

    public async Task<long> LoadAsync(IEnumerable<ReportEventRecord> facts, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var db = connection.Handle!;
        // A bulk load of a generated data set, so no fsync per commit (the product's own writes keep synchronous=FULL);
        // the conversation index takes random Guids: a cache that holds it keeps the load from thrashing pages.
        Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-524288;");
        var full = Prepare(db, RowsPerStatement);
        var batch = new List<ReportEventRecord>(RowsPerStatement);
        long written = 0;
        var open = false;
        try
        {
            foreach (var fact in facts)
            {
                batch.Add(fact);
                if (batch.Count < RowsPerStatement)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (!open)
                {
                    Exec(db, "BEGIN");
                    open = true;
                }

                Step(db, full, batch);
                written += batch.Count;
                batch.Clear();
                if (written % RowsPerTransaction < RowsPerStatement)
                {
                    Exec(db, "COMMIT");
                    open = false;
                }
            }

            if (!open)
            {
                Exec(db, "BEGIN");
                open = true;
            }

            if (batch.Count > 0)
            {
                var rest = Prepare(db, batch.Count);
                try
                {
                    Step(db, rest, batch);
                }
                finally
                {
                    rest.Dispose();
                }

                written += batch.Count;
            }

            Exec(db, "COMMIT");
            open = false;
        }
        finally
        {
            if (open)
            {
                Exec(db, "ROLLBACK");
            }

            full.Dispose();
        }

        Exec(db, "PRAGMA synchronous=FULL; ANALYZE;");
        return written;
    }

    private static sqlite3_stmt Prepare(sqlite3 db, int rows)
    {
        var row = "(" + string.Join(", ", Enumerable.Repeat("?", FactColumns.Names.Length)) + ")";
        var sql = $"INSERT INTO report_events ({FactColumns.Quoted}) VALUES {string.Join(", ", Enumerable.Repeat(row, rows))}";
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        return statement;
    }

    private static void Step(sqlite3 db, sqlite3_stmt statement, List<ReportEventRecord> batch)
    {
        var i = 1;
        foreach (var fact in batch)
        {
            foreach (var value in FactColumns.Values(fact))
            {
                Check(db, value switch
                {
                    null => raw.sqlite3_bind_null(statement, i),
                    long l => raw.sqlite3_bind_int64(statement, i, l),
                    int n => raw.sqlite3_bind_int(statement, i, n),
                    Guid g => raw.sqlite3_bind_text(statement, i, g.ToString().ToUpperInvariant()),
                    string s => raw.sqlite3_bind_text(statement, i, s),
                    _ => throw new InvalidOperationException($"No binding for {value.GetType()}."),
                });
                i++;
            }
        }

        if (raw.sqlite3_step(statement) != raw.SQLITE_DONE)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), raw.sqlite3_errcode(db));
        }

        Check(db, raw.sqlite3_reset(statement));
    }

    private static void Exec(sqlite3 db, string sql) => Check(db, raw.sqlite3_exec(db, sql));

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is not raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }
}
