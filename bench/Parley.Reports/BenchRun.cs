using System.Diagnostics;
using Parley.ReportBench.Generation;
using Parley.ReportBench.Loading;
using Parley.ReportBench.Timing;
using Parley.Server.Reporting;
using Parley.Server.Storage;

namespace Parley.ReportBench;

/// <summary>
/// The benchmark, per provider: a fresh database with the product's schema, the generated year loaded into
/// <c>report_events</c> (with the queues and agents), the product's projections caught up, then every report of a month
/// timed, and the CSV export of a month's (and the whole range's) conversations. Answers the results as Markdown.
/// </summary>
public static class BenchRun
{
    public static async Task<string> RunAsync(BenchOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        var before = LoadAverage(); // what else ran shows in the machine's load
        var results = new List<ProviderResult>();
        foreach (var provider in options.Providers)
        {
            var where = provider == StorageProvider.Sqlite
                ? options.SqlitePath
                : options.Postgres ?? throw new ArgumentException("PostgreSQL: give --postgres (a connection string of a role with CREATEDB) or set PARLEY_BENCH_POSTGRES.");
            results.Add(await RunOneAsync(provider, where, options, log, cancellationToken));
        }

        var markdown = ResultsTable.Markdown(options, results, $"load average {before} before, {LoadAverage()} after");
        await log.WriteLineAsync();
        await log.WriteLineAsync(markdown);
        return markdown;
    }

    public static async Task<ProviderResult> RunOneAsync(StorageProvider provider, string where, BenchOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        var shape = options.Shape;
        BenchDatabase database;
        LoadResult? load = null;
        if (options.Reuse)
        {
            database = BenchDatabase.Open(provider, where, options.PostgresDatabase);
        }
        else
        {
            database = await BenchDatabase.CreateAsync(provider, where, options.PostgresDatabase, cancellationToken);
            load = await LoadAsync(database, shape, log, cancellationToken);
        }

        var reports = new ProductReports(database, shape.To.ToDateTimeOffset());
        if (options.OnlyCatchUp is { } only)
        {
            var took = only == "queues" ? await reports.CatchUpQueuesAsync(cancellationToken) : await reports.CatchUpAgentsAsync(cancellationToken);
            await log.WriteLineAsync($"{database.Describe()}: the {only} projection caught up in {took.TotalSeconds:0.0} s");
            return new ProviderResult(provider, database.Describe(), load, only == "queues" ? took : default, only == "agents" ? took : default, [], []);
        }

        var (queues, agents) = await reports.CatchUpAsync(cancellationToken);
        await log.WriteLineAsync($"{database.Describe()}: projections caught up — queues {queues.TotalSeconds:0.0} s, agents {agents.TotalSeconds:0.0} s");
        await reports.LoadDirectoryAsync(cancellationToken);

        var (from, to) = shape.Month;
        var month = new ReportFilter(from.ToDateTimeOffset(), to.ToDateTimeOffset(), ReportInterval.Minutes15, shape.Zone);
        var roster = new Roster(shape);
        var timings = new List<ReportTiming>();
        foreach (var report in MonthReports.For(reports, month, roster.Queues[0], roster.Agents[3].Username))
        {
            var timing = await ReportTiming.MeasureAsync(report, options.Runs, cancellationToken);
            await log.WriteLineAsync($"{database.Describe()}: {timing.Report}: {timing.Rows:N0} rows, p50 {timing.Milliseconds.P50:0.0} ms, p95 {timing.Milliseconds.P95:0.0} ms");
            timings.Add(timing);
        }

        // One untimed day first, so the export's first rows do not pay for its JIT.
        await ExportTiming.MeasureAsync("warm-up", reports, month with { To = month.From.AddDays(1) }, cancellationToken);
        var exports = new List<ExportTiming>();
        foreach (var (name, filter) in new[] { ("a month", month), ("the whole range", month with { From = shape.From.ToDateTimeOffset() }) })
        {
            var export = await ExportTiming.MeasureAsync(name, reports, filter, cancellationToken);
            await log.WriteLineAsync($"{database.Describe()}: CSV export of {name}: {export.Rows:N0} rows in {export.Elapsed.TotalSeconds:0.00} s ({export.RowsPerSecond:N0} rows/s), heap peak +{export.PeakHeapBytes / 1048576.0:0.0} MB");
            exports.Add(export);
        }

        return new ProviderResult(provider, database.Describe(), load, queues, agents, timings, exports);
    }

    /// <summary>Generates the shape's facts straight into the database (streamed: the year is never in memory).</summary>
    public static async Task<LoadResult> LoadAsync(BenchDatabase database, YearShape shape, TextWriter log, CancellationToken cancellationToken = default)
    {
        var simulation = new YearSimulation(shape);
        await RosterRecords.SaveAsync(database, simulation.Roster, cancellationToken);
        var counter = new FactCounter();
        var clock = Stopwatch.StartNew();
        await database.Loader().LoadAsync(counter.Count(simulation.Facts()), cancellationToken);
        var load = new LoadResult(counter.Facts, counter.Conversations, clock.Elapsed);
        await log.WriteLineAsync($"{database.Describe()}: {load.Facts:N0} facts of {load.Conversations:N0} conversations generated and loaded in {load.Load.TotalSeconds:0.0} s ({load.FactsPerSecond:N0} facts/s)");
        return load;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
