using Parley.SearchBench;
using Parley.Server.Storage;
using Parley.Server.Tests.Storage;

namespace Parley.Bench.Tests.SearchBench;

/// <summary>
/// The search benchmark end to end at a tiny size, on SQLite and PostgreSQL: the corpus loads through the product's
/// inserts and every search of the set answers what the data holds. Figures are not judged here (a test is not a benchmark).
/// </summary>
public sealed class SearchBenchSmokeTests
{
    [Fact]
    public async Task A_tiny_corpus_loads_and_every_search_answers_on_both_providers()
    {
        var server = Environment.GetEnvironmentVariable(PostgresTestDatabase.Variable)
            ?? throw new InvalidOperationException($"{PostgresTestDatabase.Variable} is not set: these tests are never skipped.");
        var directory = Directory.CreateTempSubdirectory("parley-search-bench-");
        var database = $"parley_test_{Guid.NewGuid():N}"[..32];
        try
        {
            foreach (var provider in new[] { "sqlite", "postgres" })
            {
                var log = new StringWriter();
                var options = SearchBenchOptions.Parse(["--provider", provider, "--messages", "2000", "--runs", "2", "--sqlite", Path.Combine(directory.FullName, "search.db"),
                    "--postgres", server, "--postgres-database", database]);

                var results = await SearchBenchRun.RunAsync(options, log);

                Assert.Equal(SearchBenchRun.Searches.Select(s => s.Name), results.Select(r => r.Name));
                Assert.Contains("Loaded 2,000 messages (200 conversations)", log.ToString(), StringComparison.Ordinal);
                // The first page of the common word, the name and the newest conversations are full pages; an e-mail is one customer's.
                Assert.All(results.Where(r => r.Name is "newest page, no words" or "common word" or "customer name"), r => Assert.Equal(20, r.Found));
                Assert.Equal(1, results.Single(r => r.Name == "e-mail").Found);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
            await Parley.ReportBench.Loading.BenchDatabase.Open(StorageProvider.Postgres, server, database).DeleteAsync();
        }
    }
}
