using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Storage;

/// <summary>A fresh, empty database of one provider for one test; disposing deletes it.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }
    public abstract string ConnectionString { get; }

    /// <summary>A context of the provider's own type, set up as the server sets it up (interceptors included).</summary>
    public abstract ParleyDbContext CreateContext();

    /// <summary>The settings that point a <see cref="Infrastructure.ParleyServer"/> at this database.</summary>
    public Dictionary<string, string?> ServerSettings() => new()
    {
        ["Parley:Database:Provider"] = Provider,
        ["Parley:Database:ConnectionString"] = ConnectionString,
    };

    public abstract ValueTask DisposeAsync();
}

/// <summary>A SQLite file in its own temporary directory.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _directory = Directory.CreateTempSubdirectory("parley-sqlite-").FullName;

    public override string Provider => "Sqlite";
    public string FilePath => Path.Combine(_directory, "parley.db");
    public override string ConnectionString => new SqliteConnectionStringBuilder { DataSource = FilePath }.ToString();

    public override ParleyDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<SqliteParleyDbContext>();
        StorageProviders.UseSqlite(options, ConnectionString);
        return new SqliteParleyDbContext(options.Options);
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Infrastructure.ParleyServer.TryDelete(_directory);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// <c>CREATE DATABASE parley_test_…</c> on the PostgreSQL named by <c>PARLEY_TEST_POSTGRES</c> (a role with CREATEDB),
/// dropped afterwards. Without that variable the test fails: these tests are never skipped.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string Variable = "PARLEY_TEST_POSTGRES";

    private readonly string _admin;
    private readonly string _name;

    private PostgresTestDatabase(string admin, string name)
    {
        _admin = admin;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    public override string Provider => "Postgres";
    public override string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL storage tests have no server. "
                + $"Run scripts/test, or scripts/postgres start and export {Variable}=$(scripts/postgres url)");
        }

        var database = new PostgresTestDatabase(admin, $"parley_test_{Guid.NewGuid():N}"[..32]);
        try
        {
            await database.ExecuteAsync($"CREATE DATABASE \"{database._name}\"");
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException(
                $"Cannot create a database on the PostgreSQL of {Variable} ({Describe(admin)}): {e.Message}. "
                + "Is it running (scripts/postgres start), and is it a role with CREATEDB?", e);
        }

        return database;
    }

    public override ParleyDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<PostgresParleyDbContext>();
        StorageProviders.UsePostgres(options, ConnectionString);
        return new PostgresParleyDbContext(options.Options);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // FORCE may not end a backend of another role (an autovacuum worker); a plain DROP stops autovacuum itself.
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_name}\"");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_admin) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Username}@{builder.Host}:{builder.Port}";
    }
}
