using Npgsql;
using NpgsqlTypes;
using Parley.Server.Storage;

namespace Parley.ReportBench.Loading;

/// <summary>PostgreSQL: one binary COPY of every fact (rows keep their order, so the identity Ids follow it).</summary>
public sealed class PostgresFactLoader(string connectionString) : IFactLoader
{
    private static readonly NpgsqlDbType[] Types =
    [
        NpgsqlDbType.Bigint, NpgsqlDbType.Varchar, NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
        NpgsqlDbType.Varchar, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Integer, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
        NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Integer, NpgsqlDbType.Integer,
    ];

    public async Task<long> LoadAsync(IEnumerable<ReportEventRecord> facts, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        long written = 0;
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY report_events ({FactColumns.Quoted}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var fact in facts)
            {
                await copy.StartRowAsync(cancellationToken);
                var values = FactColumns.Values(fact);
                for (var i = 0; i < values.Length; i++)
                {
                    if (values[i] is null)
                    {
                        await copy.WriteNullAsync(cancellationToken);
                    }
                    else
                    {
                        await copy.WriteAsync(values[i], Types[i], cancellationToken);
                    }
                }

                written++;
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using var analyze = new NpgsqlCommand("ANALYZE report_events", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
        return written;
    }
}
