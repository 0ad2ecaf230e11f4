using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Parley.ReportBench.Loading;
using Parley.ReportBench.Timing;
using Parley.Server.Contracts;
using Parley.Server.Storage;

namespace Parley.SearchBench;

/// <summary>Loads (or reuses) the database, then times each search of <see cref="Searches"/> <c>Runs</c> times.</summary>
public static class SearchBenchRun
{
    public sealed record QueryResult(string Name, int Found, double P50, double P95, double Max);

    /// <summary>What an agent desk asks: rare, common and several words, a name, an e-mail, filters alone and together, a scoped agent.</summary>
    public static IReadOnlyList<(string Name, HistoryFilter Filter, HistoryScope Scope)> Searches { get; } =
    [
        ("newest page, no words", new HistoryFilter(), HistoryScope.Everything),
        ("rare word", new HistoryFilter(SearchCorpus.RareWord), HistoryScope.Everything),
        ("common word", new HistoryFilter(SearchCorpus.CommonWord), HistoryScope.Everything),
        ("two words", new HistoryFilter($"{SearchCorpus.CommonWord} {SearchCorpus.MiddleWord}"), HistoryScope.Everything),
        ("phrase", new HistoryFilter($"\"{SearchCorpus.CommonWord} {SearchCorpus.MiddleWord}\""), HistoryScope.Everything),
        ("customer name", new HistoryFilter("Quist"), HistoryScope.Everything),
        ("e-mail", new HistoryFilter("c123@example.com"), HistoryScope.Everything),
        ("word + queue + state", new HistoryFilter(SearchCorpus.MiddleWord, Queue: "billing", State: ConversationState.Ended), HistoryScope.Everything),
        ("word, page 5", new HistoryFilter(SearchCorpus.CommonWord, Page: 5), HistoryScope.Everything),
        ("agent's own, word", new HistoryFilter(SearchCorpus.MiddleWord), new HistoryScope(false, "agent7", [])),
        ("supervisor's queues, word", new HistoryFilter(SearchCorpus.CommonWord), new HistoryScope(false, "agent7", ["sales", "billing"])),
    ];

    public static async Task<IReadOnlyList<QueryResult>> RunAsync(SearchBenchOptions options, TextWriter output)
    {
        var where = options.Provider == StorageProvider.Sqlite
            ? options.SqlitePath
            : options.Postgres ?? throw new ArgumentException("PostgreSQL: give --postgres or set PARLEY_BENCH_POSTGRES.");
        BenchDatabase database;
        if (options.Reuse)
        {
            database = BenchDatabase.Open(options.Provider, where, options.PostgresDatabase);
        }
        else
        {
            database = await BenchDatabase.CreateAsync(options.Provider, where, options.PostgresDatabase);
            var load = Stopwatch.StartNew();
            await SearchCorpus.LoadAsync(database, options.Messages);
            output.WriteLine($"Loaded {options.Messages:N0} messages ({options.Messages / SearchCorpus.MessagesPerConversation:N0} conversations) into {database.Describe()} in {load.Elapsed.TotalSeconds:F1} s");
            // A live database has its planner statistics (PostgreSQL's autovacuum analyses a table soon after a bulk
            // load); one just loaded does not yet, and the timed queries would measure plans made without them.
            await using var analyse = database.CreateContext();
            await analyse.Database.ExecuteSqlRawAsync(database.Provider == StorageProvider.Postgres ? "ANALYZE conversations, messages, conversation_assignments" : "ANALYZE");
        }

        var results = new List<QueryResult>();
        await using var context = database.CreateContext();
        var queries = new ConversationHistoryQueries(context);
        output.WriteLine($"| search ({database.Provider}, {options.Runs} runs each) | found on page | p50 ms | p95 ms | max ms |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, filter, scope) in Searches)
        {
            var found = (await queries.SearchAsync(filter, scope, CancellationToken.None)).Rows.Count; // warm-up
            var samples = new List<double>(options.Runs);
            for (var run = 0; run < options.Runs; run++)
            {
                var watch = Stopwatch.StartNew();
                await queries.SearchAsync(filter, scope, CancellationToken.None);
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }

            var p = Percentiles.Of(samples);
            results.Add(new QueryResult(name, found, p.P50, p.P95, p.Max));
            output.WriteLine($"| {name} | {found} | {p.P50:F1} | {p.P95:F1} | {p.Max:F1} |");
        }

        var all = Percentiles.Of([.. results.Select(r => r.P95)]);
        output.WriteLine($"Worst p95: {results.Max(r => r.P95):F1} ms (target < {options.TargetMs} ms); p95s' median {all.P50:F1} ms");
        return results;
    }
}
