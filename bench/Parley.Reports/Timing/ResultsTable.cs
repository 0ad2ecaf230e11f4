using System.Globalization;
using System.Text;

namespace Parley.ReportBench.Timing;

/// <summary>The results as Markdown tables (docs/performance.md takes them as they are).</summary>
public static class ResultsTable
{
    public static string Markdown(BenchOptions options, IReadOnlyList<ProviderResult> results)
    {
        var shape = options.Shape;
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"Data set: {shape.Conversations:N0} conversations over {shape.Days} days from {shape.Start:yyyy-MM-dd} ({shape.Zone}), {shape.Queues} queues, {shape.Agents} agents, seed {shape.Seed}.");
        text.AppendLine();
        text.AppendLine("| provider | facts | generated and loaded | facts/s |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var r in results.Where(r => r.Load is not null))
        {
            text.AppendLine(culture, $"| {r.Provider} | {r.Load!.Facts:N0} | {r.Load.Load.TotalSeconds:0.0} s | {r.Load.FactsPerSecond:N0} |");
        }

        return text.ToString();
    }
}
