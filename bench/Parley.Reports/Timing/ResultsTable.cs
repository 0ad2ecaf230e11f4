using System.Globalization;
using System.Text;

namespace Parley.ReportBench.Timing;

/// <summary>The results as Markdown tables (docs/performance.md takes them as they are).</summary>
public static class ResultsTable
{
    /// <summary>The targets of issue 19.</summary>
    public const double ReportP95Ms = 1000;
    public const double ExportRowsPerSecond = 50_000;

    public static string Markdown(BenchOptions options, IReadOnlyList<ProviderResult> results, string machine)
    {
        var shape = options.Shape;
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var (from, to) = shape.Month;
        string Local(NodaTime.Instant instant) => instant.InZone(shape.TimeZone).Date.ToString("yyyy-MM-dd", c);
        text.AppendLine(c, $"Data set: {shape.Conversations:N0} conversations over {shape.Days} days from {shape.Start:yyyy-MM-dd} ({shape.Zone}), {shape.Queues} queues, {shape.Agents} agents, seed {shape.Seed}. Reports of {Local(from)} → {Local(to)} (local midnights), time zone {shape.Zone}, {options.Runs} timed runs each after one warm-up; {Environment.ProcessorCount} cores, {machine}.");
        text.AppendLine();
        text.AppendLine("| provider | facts | conversations | generated and loaded | facts/s | queue projection catch-up | agent projection catch-up |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var load = r.Load is { } l ? $"{l.Facts:N0} | {l.Conversations:N0} | {l.Load.TotalSeconds:0.0} s | {l.FactsPerSecond:N0}" : "(reused) | | |";
            text.AppendLine(c, $"| {r.Provider} | {load} | {r.QueuesCatchUp.TotalSeconds:0.0} s | {r.AgentsCatchUp.TotalSeconds:0.0} s |");
        }

        text.AppendLine();
        text.Append("| report (a month) | rows |");
        foreach (var r in results)
        {
            text.Append(c, $" {r.Provider} p50 | {r.Provider} p95 |");
        }

        text.AppendLine(" p95 < 1 s |");
        text.AppendLine("|---|---:|" + string.Concat(results.Select(_ => "---:|---:|")) + "---|");
        var names = results.SelectMany(r => r.Reports.Select(t => t.Report)).Distinct();
        foreach (var name in names)
        {
            var timings = results.Select(r => r.Reports.FirstOrDefault(t => t.Report == name)).ToList();
            var rows = timings.FirstOrDefault(t => t is not null)?.Rows ?? 0;
            text.Append(c, $"| {name} | {rows:N0} |");
            foreach (var t in timings)
            {
                text.Append(t is null ? " | |" : string.Create(c, $" {t.Milliseconds.P50:0.0} ms | {t.Milliseconds.P95:0.0} ms |"));
            }

            text.AppendLine(timings.All(t => t is null || t.Milliseconds.P95 < ReportP95Ms) ? " yes |" : " **no** |");
        }

        text.AppendLine();
        text.AppendLine("| provider | CSV export of | rows | size | time | rows/s | managed heap peak (above start) | ≥ 50,000 rows/s |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            foreach (var e in r.Exports)
            {
                text.AppendLine(c, $"| {r.Provider} | {e.Range} | {e.Rows:N0} | {e.Bytes / 1048576.0:0.0} MB | {e.Elapsed.TotalSeconds:0.00} s | {e.RowsPerSecond:N0} | {e.PeakHeapBytes / 1048576.0:0.0} MB | {(e.RowsPerSecond >= ExportRowsPerSecond ? "yes" : "**no**")} |");
            }
        }

        return text.ToString();
    }
}
