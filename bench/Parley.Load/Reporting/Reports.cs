using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Load.Reporting;

/// <summary>The JSON result and the Markdown summary.</summary>
public static class Reports
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task WriteJsonAsync(LoadResult result, string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, result, Json, cancellationToken);
    }

    private static string Cpu(ProcessCpu? cpu) => cpu is null
        ? "not read"
        : string.Create(CultureInfo.InvariantCulture, $"**{cpu.CpuPercent:0.#} % of one core, {cpu.MsPerMessage:0.###} ms CPU per delivered message**");

    public static string Markdown(LoadResult r, string latencyChart, string? resourceChart)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));

        Line($"# Load run: {r.Scenario} against {r.Target}{(r.Smoke ? " (smoke)" : "")}");
        md.AppendLine();
        Line($"{r.ScenarioSummary}");
        md.AppendLine();
        Line($"- Target: `{r.Target}` at {r.BaseAddress}");
        Line($"- Started: {r.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, ran {r.DurationSeconds:0.0} s");
        Line($"- Machine: {r.Machine.Os}, {r.Machine.Processors} logical processors, .NET {r.Machine.Runtime}, host {r.Machine.Host}");
        Line($"- Result: {(r.Failure is not null ? "**failed**: " + r.Failure : r.Clean ? "clean: no error, every message acknowledged and delivered exactly once" : "**not clean** (see the accounting and the errors)")}");
        md.AppendLine();

        md.AppendLine("## Parameters").AppendLine().AppendLine("| parameter | value |").AppendLine("|---|---|");
        foreach (var (name, value) in r.Parameters)
        {
            Line($"| `{name}` | {value} |");
        }

        md.AppendLine();
        if (r.Notes.Count > 0)
        {
            md.AppendLine("## Notes").AppendLine();
            foreach (var note in r.Notes)
            {
                Line($"- {note}");
            }

            md.AppendLine();
        }

        var m = r.Messages;
        md.AppendLine("## Messages").AppendLine();
        md.AppendLine("| scheduled | measured | sent | acknowledged | failed | delivered | lost | duplicated | pending | out of order | recovered by Resume |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Line($"| {m.Scheduled:N0} | {m.Measured:N0} | {m.Sent:N0} | {m.Acknowledged:N0} | {m.Failed:N0} | {m.Delivered:N0} | {m.Lost:N0} | {m.Duplicated:N0} | {m.Pending:N0} | {m.OutOfOrder:N0} | {m.Recovered:N0} |");
        md.AppendLine();
        md.AppendLine("*Lost* = acknowledged but never delivered; *pending* = neither acknowledged, failed nor delivered at the end; *measured* = scheduled after the warm-up (the latency figures count only these).");
        md.AppendLine();
        if (r.Throughput is { } t)
        {
            Line($"Throughput over the {t.WindowSeconds:0.#} s measured window: **{t.ScheduledPerSecond:0.#} messages/s scheduled, {t.DeliveredPerSecond:0.#}/s delivered** ({t.MeasuredDelivered:N0} of {t.MeasuredMessages:N0}).");
            md.AppendLine();
        }

        if (r.CpuWhileMeasuring is { } cpu)
        {
            Line($"CPU over the measured window ({cpu.Seconds:0.#} s, {cpu.Delivered:N0} messages delivered in it): server {Cpu(cpu.Server)}; load tool {Cpu(cpu.Client)}.");
            md.AppendLine();
        }

        md.AppendLine("## Latencies (ms)").AppendLine();
        md.AppendLine("| what | count | p50 | p90 | p99 | p99.9 | max | mean |").AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, entry) in r.Latencies.Where(l => l.Value.Summary.Count > 0))
        {
            var s = entry.Summary;
            Line($"| `{name}`: {entry.Description} | {s.Count:N0} | {s.P50:0.###} | {s.P90:0.###} | {s.P99:0.###} | {s.P999:0.###} | {s.Max:0.###} | {s.Mean:0.###} |");
        }

        md.AppendLine();
        md.AppendLine("Delivery latencies run from the message's *intended* send time on the open-loop schedule to the receiver's callback (both on this machine's monotonic clock), so a stalled server or client shows up in them (no coordinated omission). The `…Uncorrected` rows start at the actual send instead; `sendLag` is how late the tool itself sent.");
        md.AppendLine();
        Line($"![latency over time]({Path.GetFileName(latencyChart)})");
        md.AppendLine();

        md.AppendLine("## Resources").AppendLine();
        md.AppendLine("| process | pid | RSS start | RSS end | RSS max | peak RSS (VmHWM) | CPU s | CPU avg | CPU max (1 s) | threads max |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (label, use) in new[] { ("server", r.Server), ("load tool", r.Client) })
        {
            if (use is null)
            {
                Line($"| {label} | — | not measured (no `--server-pid`) | | | | | | | |");
                continue;
            }

            Line($"| {label} | {use.Pid} | {use.RssStartMb:0.#} MB | {use.RssEndMb:0.#} MB | {use.RssMaxMb:0.#} MB | {use.PeakRssMb:0.#} MB | {use.CpuSeconds:0.##} | {use.CpuPercent:0.#} % | {use.CpuPercentMax:0.#} % | {use.ThreadsMax} |");
        }

        md.AppendLine();
        md.AppendLine("CPU in percent of one core (200 % = two cores busy), from `/proc/<pid>/stat`; RSS from `/proc/<pid>/status`.");
        md.AppendLine();
        if (resourceChart is not null)
        {
            Line($"![resources over time]({Path.GetFileName(resourceChart)})");
            md.AppendLine();
        }

        if (r.Details.Count > 0)
        {
            md.AppendLine("## Scenario details").AppendLine().AppendLine("```json");
            md.AppendLine(JsonSerializer.Serialize(r.Details, Json));
            md.AppendLine("```").AppendLine();
        }

        if (r.Counters.Count > 0)
        {
            md.AppendLine("## Counters").AppendLine().AppendLine("| counter | value |").AppendLine("|---|---:|");
            foreach (var (name, value) in r.Counters)
            {
                Line($"| {name} | {value:N0} |");
            }

            md.AppendLine();
        }

        md.AppendLine("## Errors").AppendLine();
        if (r.Errors.Count == 0)
        {
            md.AppendLine("None.");
        }
        else
        {
            md.AppendLine("| kind | count |").AppendLine("|---|---:|");
            foreach (var (kind, count) in r.Errors)
            {
                Line($"| {kind.Replace("|", "\\|", StringComparison.Ordinal)} | {count:N0} |");
            }
        }

        md.AppendLine();
        md.AppendLine("## Phases").AppendLine();
        Line($"{string.Join(" → ", r.Phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Phase} ({p.At:0.#} s)")))}");
        return md.ToString();
    }
}
