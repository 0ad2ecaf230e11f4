using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Parley.Server.Storage;

namespace Parley.Reports.Loading;

/// <summary>
/// A fresh database of one provider for a run, with the product's schema (its migrations) and its contexts set up as the
/// server sets them up: a SQLite file, or a database <c>parley_reports_bench</c> created (again) on a PostgreSQL server.
/// </summary>
public abstract class BenchDatabase
{
    public abstract StorageProvider Provider { get; }
    public abstract string ConnectionString { get; }
    public abstract ParleyDbContext CreateContext();
    public abstract IFactLoader Loader();

    /// <summary>A brief description for the results (no password).</summary>
    public abstract string Describe();

    public static async Task<BenchDatabase> CreateAsync(StorageProvider provider, string where, CancellationToken cancellationToken = default)
    {
        BenchDatabase database = provider switch
        {
            StorageProvider.Sqlite => SqliteBench.Fresh(where),
            _ => await PostgresBench.FreshAsync(where, cancellationToken),
        };
        await using var context = database.CreateContext();
        await context.Database.MigrateAsync(cancellationToken);
        return database;
    }

    /// <summary>An existing database, as a run left it (to time the reports again without generating).</summary>
    public static BenchDatabase Open(StorageProvider provider, string where) => provider switch
    {
        StorageProvider.Sqlite => new SqliteBench(where),
        _ => new PostgresBench(new NpgsqlConnectionStringBuilder(where) { Database = PostgresBench.Name }.ToString()),
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

        public override ParleyDbContext CreateContext()
        {
            var options = new DbContextOptionsBuilder<SqliteParleyDbContext>();
            StorageProviders.UseSqlite(options, ConnectionString);
            return new SqliteParleyDbContext(options.Options);
        }

        public override IFactLoader Loader() => new SqliteFactLoader(ConnectionString);

        public override string Describe() => $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
    }

    private sealed class PostgresBench(string connectionString) : BenchDatabase
    {
        public const string Name = "parley_reports_bench";

        public override StorageProvider Provider => StorageProvider.Postgres;
        public override string ConnectionString { get; } = connectionString;

        public static async Task<PostgresBench> FreshAsync(string server, CancellationToken cancellationToken)
        {
            await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ToString()))
            {
                await admin.OpenAsync(cancellationToken);
                foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", $"CREATE DATABASE \"{Name}\"" })
                {
                    await using var command = new NpgsqlCommand(sql, admin);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            return new PostgresBench(new NpgsqlConnectionStringBuilder(server) { Database = Name }.ToString());
        }

        public override ParleyDbContext CreateContext()
        {
            var options = new DbContextOptionsBuilder<PostgresParleyDbContext>();
            StorageProviders.UsePostgres(options, ConnectionString);
            return new PostgresParleyDbContext(options.Options);
        }

        public override IFactLoader Loader() => new PostgresFactLoader(ConnectionString);

        public override string Describe()
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        }
    }
}
