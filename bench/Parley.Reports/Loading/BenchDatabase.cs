using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Parley.Server.Storage;

namespace Parley.ReportBench.Loading;

/// <summary>
/// A fresh database of one provider for a run, with the product's schema (its migrations) and its contexts set up as the
/// server sets them up: a SQLite file, or a database <c>parley_reports_bench</c> created (again) on a PostgreSQL server.
/// </summary>
public abstract class BenchDatabase
{
    public abstract StorageProvider Provider { get; }
    public abstract string ConnectionString { get; }
    public abstract ParleyDbContext CreateContext();

    /// <summary>Pooled contexts as the server hands them out (<c>IDbContextFactory&lt;ParleyDbContext&gt;</c>).</summary>
    public abstract IDbContextFactory<ParleyDbContext> Contexts();
    public abstract IFactLoader Loader();

    /// <summary>A brief description for the results (no password).</summary>
    public abstract string Describe();

    /// <summary>A fresh database: <paramref name="where"/> is the SQLite file, or the PostgreSQL server to create <paramref name="name"/> on.</summary>
    public static async Task<BenchDatabase> CreateAsync(StorageProvider provider, string where, string name = PostgresBench.Name, CancellationToken cancellationToken = default)
    {
        BenchDatabase database = provider switch
        {
            StorageProvider.Sqlite => SqliteBench.Fresh(where),
            _ => await PostgresBench.FreshAsync(where, name, cancellationToken),
        };
        await using var context = database.CreateContext();
        await context.Database.MigrateAsync(cancellationToken);
        return database;
    }

    /// <summary>An existing database, as a run left it (to time the reports again without generating).</summary>
    public static BenchDatabase Open(StorageProvider provider, string where, string name = PostgresBench.Name) => provider switch
    {
        StorageProvider.Sqlite => new SqliteBench(where),
        _ => new PostgresBench(new NpgsqlConnectionStringBuilder(where) { Database = name }.ToString()),
    };

    private sealed class SqliteBench(string path) : BenchDatabase
    {
        public override StorageProvider Provider => StorageProvider.Sqlite;
        public override string ConnectionString { get; } = new SqliteConnectionStringBuilder { DataSource = path }.ToString();

        public static SqliteBench Fresh(string path)
        {
            SqliteConnection.ClearAllPools();
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
            return new SqliteBench(path);
        }

        public override ParleyDbContext CreateContext() => new SqliteParleyDbContext(Options());

        public override IDbContextFactory<ParleyDbContext> Contexts() =>
            new ProviderDbContextFactory<SqliteParleyDbContext>(new PooledDbContextFactory<SqliteParleyDbContext>(Options()));

        private DbContextOptions<SqliteParleyDbContext> Options()
        {
            var options = new DbContextOptionsBuilder<SqliteParleyDbContext>();
            StorageProviders.UseSqlite(options, ConnectionString);
            return options.Options;
        }

        public override IFactLoader Loader() => new SqliteFactLoader(ConnectionString);

        public override Task DeleteAsync()
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            return Task.CompletedTask;
        }

        public override string Describe() => $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
    }

    /// <summary>Deletes the database (the tests' clean-up).</summary>
    public abstract Task DeleteAsync();

    private sealed class PostgresBench(string connectionString) : BenchDatabase
    {
        public const string Name = "parley_reports_bench";

        public override StorageProvider Provider => StorageProvider.Postgres;
        public override string ConnectionString { get; } = connectionString;

        public static async Task<PostgresBench> FreshAsync(string server, string name, CancellationToken cancellationToken)
        {
            var database = new PostgresBench(new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString());
            await database.DropAsync(name, cancellationToken);
            await database.AdminAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
            return database;
        }

        public override async Task DeleteAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await DropAsync(new NpgsqlConnectionStringBuilder(ConnectionString).Database!, default);
        }

        private async Task DropAsync(string name, CancellationToken cancellationToken)
        {
            try
            {
                await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                // FORCE may not end a backend of another role, such as an autovacuum worker busy with the data just
                // loaded; a plain DROP stops autovacuum by itself (the pools are cleared, so no session of ours is left).
                await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\"", cancellationToken);
            }
        }

        // On the server's maintenance database, which every role can reach.
        private async Task AdminAsync(string sql, CancellationToken cancellationToken)
        {
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ToString());
            await admin.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public override ParleyDbContext CreateContext() => new PostgresParleyDbContext(Options());

        public override IDbContextFactory<ParleyDbContext> Contexts() =>
            new ProviderDbContextFactory<PostgresParleyDbContext>(new PooledDbContextFactory<PostgresParleyDbContext>(Options()));

        private DbContextOptions<PostgresParleyDbContext> Options()
        {
            var options = new DbContextOptionsBuilder<PostgresParleyDbContext>();
            StorageProviders.UsePostgres(options, ConnectionString);
            return options.Options;
        }

        public override IFactLoader Loader() => new PostgresFactLoader(ConnectionString);

        public override string Describe()
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        }
    }
}
