using Parley.Server.Storage;

namespace Parley.SearchBench;

/// <summary>
/// <c>--provider sqlite|postgres</c>, <c>--messages N</c> (1,000,000), <c>--runs N</c> (20 per query), <c>--sqlite path</c>
/// (bench/results/search.db), <c>--postgres connection string</c> (or PARLEY_BENCH_POSTGRES; a role with CREATEDB),
/// <c>--postgres-database name</c> (parley_search_bench, dropped and created), <c>--reuse</c> (time the database the last run left), <c>--target ms</c> (300: the exit code says whether every p95 is under it).
/// </summary>
public sealed record SearchBenchOptions(
    StorageProvider Provider, int Messages, int Runs, string SqlitePath, string? Postgres, bool Reuse, double TargetMs, string PostgresDatabase = SearchBenchOptions.DefaultDatabase)
{
    public const string DefaultDatabase = "parley_search_bench";

    public static SearchBenchOptions Parse(string[] args)
    {
        var options = new SearchBenchOptions(StorageProvider.Sqlite, 1_000_000, 20, "bench/results/search.db", Environment.GetEnvironmentVariable("PARLEY_BENCH_POSTGRES"), false, 300);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--provider" => options with { Provider = StorageProviders.Parse(Next()) },
                "--messages" => options with { Messages = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--runs" => options with { Runs = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--sqlite" => options with { SqlitePath = Next() },
                "--postgres" => options with { Postgres = Next() },
                "--postgres-database" => options with { PostgresDatabase = Next() },
                "--reuse" => options with { Reuse = true },
                "--target" => options with { TargetMs = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                var other => throw new ArgumentException($"Unknown flag {other}."),
            };
        }

        return options.Messages < 10 || options.Runs < 1 ? throw new ArgumentException("--messages at least 10, --runs at least 1.") : options;
    }
}
