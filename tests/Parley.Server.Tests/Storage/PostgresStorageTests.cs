using Microsoft.EntityFrameworkCore;
using Npgsql;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>
/// The storage specification on PostgreSQL: a database per test on the server named by PARLEY_TEST_POSTGRES
/// (scripts/test starts one with scripts/postgres). Without it these tests fail; they are never skipped.
/// </summary>
public sealed class PostgresStorageTests : StorageSpecification
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();

    [Fact]
    public async Task PostgreSQL_stores_server_times_as_timestamptz_ids_as_uuid_and_json_columns_as_text()
    {
        await using var context = await ContextAsync();
        await context.Database.OpenConnectionAsync();
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(
            """
            SELECT table_name || '.' || column_name, data_type FROM information_schema.columns
            WHERE table_schema = 'public' AND (table_name, column_name) IN
              (('conversations', 'StartedAt'), ('messages', 'SentAt'), ('conversations', 'Id'), ('conversations', 'Answers'), ('agents', 'Skills'), ('queues', 'Relaxation'))
            """, connection);
        var types = new Dictionary<string, string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                types[reader.GetString(0)] = reader.GetString(1);
            }
        }

        Assert.IsType<PostgresParleyDbContext>(context);
        Assert.Equal("timestamp with time zone", types["conversations.StartedAt"]);
        Assert.Equal("timestamp with time zone", types["messages.SentAt"]);
        Assert.Equal("uuid", types["conversations.Id"]);
        Assert.Equal(["text"], new[] { types["conversations.Answers"], types["agents.Skills"], types["queues.Relaxation"] }.Distinct());
    }
}
