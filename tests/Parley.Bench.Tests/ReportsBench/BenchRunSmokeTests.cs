using Parley.ReportBench;
using Parley.ReportBench.Generation;
using Parley.ReportBench.Loading;
using Parley.ReportBench.Timing;
using Parley.Server.Storage;
using Parley.Server.Tests.Storage;

namespace Parley.Bench.Tests.ReportsBench;

/// <summary>
/// The reports benchmark end to end at its smoke size (bench/Parley.Reports --smoke), on SQLite and PostgreSQL: the
/// year is generated and loaded, the product's projections catch up, every report of the month answers rows, and the
/// CSV export streams every conversation of the range. Figures are not judged here (a test is not a benchmark); that
/// each report answers what the data holds is.
/// </summary>
public sealed class BenchRunSmokeTests
{
    [Fact]
    public async Task Smoke_size_runs_every_report_and_the_export_on_both_providers()
    {
        var server = Environment.GetEnvironmentVariable(PostgresTestDatabase.Variable)
            ?? throw new InvalidOperationException($"{PostgresTestDatabase.Variable} is not set: these tests are never skipped.");
        var directory = Directory.CreateTempSubdirectory("parley-report-bench-");
        var options = BenchOptions.Parse(["--smoke", "--runs", "1", "--sqlite", Path.Combine(directory.FullName, "reports.db"),
            "--postgres", server, "--postgres-database", $"parley_test_{Guid.NewGuid():N}"[..32]]);
        var log = new StringWriter();
        try
        {
            var markdown = await BenchRun.RunAsync(options, log);

            var shape = YearShape.Smoke;
            var text = log.ToString();
            Assert.Equal(2, Occurrences(text, $"facts of {shape.Conversations:N0} conversations generated and loaded"));
            // Every report of the month timed on both, each answering rows.
            Assert.Equal(2 * MonthReports.For(null!, null!, "", "").Count, Occurrences(text, " rows, p50 "));
            Assert.DoesNotContain(": 0 rows", text, StringComparison.Ordinal);
            foreach (var provider in new[] { "Sqlite", "Postgres" })
            {
                // The export of the whole range wrote every conversation.
                Assert.Contains($"| {provider} | the whole range | {shape.Conversations:N0} |", markdown, StringComparison.Ordinal);
            }
        }
        finally
        {
            await BenchDatabase.Open(StorageProvider.Postgres, server, options.PostgresDatabase).DeleteAsync();
            directory.Delete(recursive: true);
        }
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
