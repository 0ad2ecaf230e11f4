using System.Diagnostics;
using Parley.ReportBench.Generation;
using Parley.ReportBench.Loading;
using Parley.ReportBench.Timing;
using Parley.Server.Storage;

namespace Parley.ReportBench;

/// <summary>
/// The benchmark, per provider: a fresh database with the product's schema, the generated year loaded into
/// <c>report_events</c> (with the queues and agents), the product's projections caught up, then every report of a month
/// timed, and the CSV export of a month's conversations. Answers the results as Markdown.
/// </summary>
public static class BenchRun
{
    public static async Task<string> RunAsync(BenchOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        var results = new List<ProviderResult>();
        foreach (var provider in options.Providers)
        {
            var where = provider == StorageProvider.Sqlite
                ? options.SqlitePath
                : options.Postgres ?? throw new ArgumentException("PostgreSQL: give --postgres (a connection string of a role with CREATEDB) or set PARLEY_BENCH_POSTGRES.");
            results.Add(await RunOneAsync(provider, where, options, log, cancellationToken));
        }

        return ResultsTable.Markdown(options, results);
    }

    public static async Task<ProviderResult> RunOneAsync(StorageProvider provider, string where, BenchOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        BenchDatabase database;
        LoadResult? load = null;
        if (options.Reuse)
        {
            database = BenchDatabase.Open(provider, where);
        }
        else
        {
            database = await BenchDatabase.CreateAsync(provider, where, cancellationToken: cancellationToken);
            load = await LoadAsync(database, options.Shape, log, cancellationToken);
        }

        return new ProviderResult(provider, database.Describe(), load);
    }

    /// <summary>Generates the shape's facts straight into the database (streamed: the year is never in memory).</summary>
    public static async Task<LoadResult> LoadAsync(BenchDatabase database, YearShape shape, TextWriter log, CancellationToken cancellationToken = default)
    {
        var simulation = new YearSimulation(shape);
        await RosterRecords.SaveAsync(database, simulation.Roster, cancellationToken);
        var counter = new FactCounter();
        var clock = Stopwatch.StartNew();
        await database.Loader().LoadAsync(counter.Count(simulation.Facts()), cancellationToken);
        var load = new LoadResult(counter.Facts, counter.Conversations, clock.Elapsed, null);
        await log.WriteLineAsync($"{database.Describe()}: {load.Facts:N0} facts of {load.Conversations:N0} conversations generated and loaded in {load.Load.TotalSeconds:0.0} s ({load.FactsPerSecond:N0} facts/s)");
        return load;
    }
}
