using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.Load.Reporting;

/// <summary>
/// <c>Parley.Load report DIR</c>: the side-by-side tables of docs/performance.md, read from the <c>result.json</c>
/// files of one series of runs (bench/run-load): one table per scenario with Parley, the SignalR relay and the
/// bare relay as columns and Parley's ratio to each; the rate sweep (<c>DIR/sweep/</c>) with each target's
/// sustainable rate; and CPU per delivered message at one rate (<c>DIR/cpu/</c>).
/// </summary>
public static class Comparison
{
    public const double LatencyLimitMs = 50;

    private static readonly string[] Targets = ["parley", "signalr-relay", "bare-relay"];

    private sealed record Row(string Label, Func<JsonElement, double?> Value, string Format = "0.##", bool RatioMeaningful = true);

    /// <summary>Over the measured window only (<see cref="CpuWhileMeasuring"/>). Before <c>Rows</c>, which uses them: static fields are set in order.</summary>
    private static readonly Row[] CpuRows =
    [
        new("server CPU while measuring (% of one core)", r => Cpu(r, "server", "cpuPercent")),
        new("server CPU per delivered message (ms)", r => Cpu(r, "server", "msPerMessage"), "0.###"),
        new("client CPU while measuring (% of one core)", r => Cpu(r, "client", "cpuPercent")),
        new("client CPU per delivered message (ms)", r => Cpu(r, "client", "msPerMessage"), "0.###"),
    ];

    /// <summary>The <c>cpu</c> runs: one rate, every target, CPU per message side by side.</summary>
    private static readonly Row[] CpuTableRows =
    [
        new("conversations", r => Detail(r, "conversations"), "0", false),
        new("messages/s scheduled (measured window)", r => Throughput(r, "scheduledPerSecond"), "0.#"),
        new("messages/s delivered", r => Throughput(r, "deliveredPerSecond"), "0.#"),
        new("customer → agent p99 (ms)", r => Latency(r, "customerToAgent", "p99")),
        new("lost / duplicated", r => Messages(r, "lost") + Messages(r, "duplicated"), "0", false),
        // Where a target falls behind, its CPU per message is over the fewer messages it delivered meanwhile.
        new($"sustained (all delivered once, p99 < {LatencyLimitMs} ms)", r => Sustained(r) ? 1 : 0, "'yes';'no';'no'", false),
        new("measured window (s)", r => Cpu(r, "seconds"), "0.#", false),
        new("messages delivered in it", r => Cpu(r, "delivered"), "0", false),
        .. CpuRows,
    ];

    private const string CpuExplained =
        "CPU while measuring: over the measured window only (not the set-up or the drain), from `/proc/<pid>/stat` read when the window opens and when it closes; per delivered message = the CPU seconds the process consumed in the window ÷ the messages delivered (both ways) in the same window.";

    private static readonly Dictionary<string, Row[]> Rows = new(StringComparer.Ordinal)
    {
        ["idle"] =
        [
            new("connections held (alive after the hold)", r => Detail(r, "aliveAfterHold"), "0", false),
            new("server RSS before anything (MB)", r => Kb(Detail(r, "memory", "rssBeforeKb"))),
            new("server RSS with the conversations, no connection (MB)", r => Kb(Detail(r, "memory", "rssWithChatsKb"))),
            new("server RSS holding every connection (MB, median)", r => Kb(Detail(r, "memory", "rssHoldKb"))),
            new("memory per connection (KB)", r => Detail(r, "memory", "bytesPerConnection") / 1024),
            new("memory per conversation and connection (KB)", r => Detail(r, "memory", "bytesPerChatAndConnection") / 1024),
            new("connect p99 (ms)", r => Latency(r, "connectCustomer", "p99")),
            new("server CPU, average (% of one core)", r => Resource(r, "server", "cpuPercent")),
            new("client CPU, average (% of one core)", r => Resource(r, "client", "cpuPercent")),
        ],
        ["steady"] = MessageRows("conversations"),
        ["reconnect-storm"] =
        [
            new("conversations", r => Detail(r, "conversations"), "0", false),
            new("customers dropped at once", r => Detail(r, "dropped"), "0", false),
            new("customers back", r => Detail(r, "reconnected"), "0", false),
            new("reconnect start → all back (s)", r => Detail(r, "allBackSeconds"), "0.###"),
            new("reconnect p50 (ms)", r => Latency(r, "reconnect", "p50")),
            new("reconnect p99 (ms)", r => Latency(r, "reconnect", "p99")),
            new("messages missed while away, then resumed", r => Detail(r, "missedAndResumed"), "0", false),
            new("messages acknowledged", r => Messages(r, "acknowledged"), "0", false),
            new("lost (acknowledged, never delivered)", r => Messages(r, "lost"), "0", false),
            new("duplicated", r => Messages(r, "duplicated"), "0", false),
            new("customer → agent p99 over the run (ms)", r => Latency(r, "customerToAgent", "p99")),
            new("server CPU, average (% of one core)", r => Resource(r, "server", "cpuPercent")),
        ],
        ["crash"] =
        [
            new("conversations", r => Detail(r, "conversations"), "0", false),
            new("acknowledged before the kill", r => Detail(r, "acknowledgedBeforeCrash"), "0", false),
            new("restart: started → answering (s)", r => Detail(r, "restartSeconds"), "0.###", false),
            new("kill → every client back (s)", r => Detail(r, "killToAllBackSeconds"), "0.###", false),
            new("messages acknowledged", r => Messages(r, "acknowledged"), "0", false),
            new("acknowledged messages looked up in the history", r => Detail(r, "historyAcknowledgedChecked"), "0", false),
            new("missing from the history", r => Detail(r, "historyMissing"), "0", false),
            new("stored twice", r => Detail(r, "historyDuplicated"), "0", false),
            new("delivered by resume (missed during the outage)", r => Detail(r, "deliveredByResume"), "0", false),
            new("lost (acknowledged, never delivered)", r => Messages(r, "lost"), "0", false),
            new("duplicated (pushed twice)", r => Messages(r, "duplicated"), "0", false),
        ],
        ["arrivals"] =
        [
            new("chats arrived", r => Detail(r, "chatsArrived"), "0", false),
            new("chats assigned", r => Detail(r, "chatsAssigned"), "0", false),
            new("start → offer p50 (ms)", r => Latency(r, "startToOffer", "p50")),
            new("start → offer p99 (ms)", r => Latency(r, "startToOffer", "p99")),
            new("start → accept p99 (ms)", r => Latency(r, "startToAccept", "p99")),
            new("customer → agent p99 (ms)", r => Latency(r, "customerToAgent", "p99")),
            new("server CPU, average (% of one core)", r => Resource(r, "server", "cpuPercent")),
        ],
    };

    private static Row[] MessageRows(string size) =>
    [
        new(size, r => Detail(r, size), "0", false),
        new("set-up: start → accept p50 (ms)", r => Latency(r, "startToAccept", "p50")),
        new("set-up: start → accept p99 (ms)", r => Latency(r, "startToAccept", "p99")),
        new("messages/s scheduled (measured window)", r => Throughput(r, "scheduledPerSecond"), "0.#"),
        new("messages/s delivered", r => Throughput(r, "deliveredPerSecond"), "0.#"),
        new("customer → agent p50 (ms)", r => Latency(r, "customerToAgent", "p50")),
        new("customer → agent p99 (ms)", r => Latency(r, "customerToAgent", "p99")),
        new("customer → agent p99.9 (ms)", r => Latency(r, "customerToAgent", "p999")),
        new("customer → agent max (ms)", r => Latency(r, "customerToAgent", "max")),
        new("agent → customer p99 (ms)", r => Latency(r, "agentToCustomer", "p99")),
        new("customer send → acknowledged p99 (ms)", r => Latency(r, "customerAck", "p99")),
        new("lost / duplicated", r => Messages(r, "lost") + Messages(r, "duplicated"), "0", false),
        new("server CPU, average over the run (% of one core)", r => Resource(r, "server", "cpuPercent")),
        .. CpuRows,
        new("server RSS, max (MB)", r => Resource(r, "server", "rssMaxMb")),
        new("client CPU, average over the run (% of one core)", r => Resource(r, "client", "cpuPercent")),
    ];

    public static string Build(string directory)
    {
        var text = new StringBuilder();
        var runs = Load(directory);
        var sweepRuns = Load(Path.Combine(directory, "sweep"));
        var cpuRuns = Load(Path.Combine(directory, "cpu"));
        var machine = runs.Concat(sweepRuns).Concat(cpuRuns).Select(r => r.Json.GetProperty("machine")).FirstOrDefault();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Load series {Path.GetFileName(Path.GetFullPath(directory).TrimEnd('/'))}");
        text.AppendLine();
        if (machine.ValueKind == JsonValueKind.Object)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Machine: {machine.GetProperty("os").GetString()}, {machine.GetProperty("processors").GetInt32()} processors, .NET {machine.GetProperty("runtime").GetString()}; client and server on the same machine.");
            text.AppendLine();
        }

        foreach (var scenario in runs.Select(r => r.Scenario).Distinct(StringComparer.Ordinal))
        {
            var rows = Rows.GetValueOrDefault(scenario) ?? MessageRows("conversations");
            var explained = rows.Intersect(CpuRows).Any() ? CpuExplained : null;
            if (scenario == "steady")
            {
                explained += " Set-up: start → accept runs from a chat's intended start to its Accept answered (the SignalR relay: its Assigned push; the bare relay: the tool pairs the chat and its agent's socket is open).";
            }

            Table(text, scenario, rows, Latest(runs.Where(r => r.Scenario == scenario)), explained);
        }

        if (sweepRuns.Count > 0)
        {
            Sweep(text, sweepRuns);
        }

        if (cpuRuns.Count > 0)
        {
            Table(text, "CPU per delivered message (steady, one rate)", CpuTableRows, Latest(cpuRuns), CpuExplained);
        }

        return text.ToString();
    }

    /// <summary>Each target's latest run.</summary>
    private static Dictionary<string, JsonElement> Latest(IEnumerable<(string Scenario, string Target, JsonElement Json)> runs) =>
        runs.GroupBy(r => r.Target, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Json.GetProperty("startedAt").GetDateTimeOffset()).Last().Json, StringComparer.Ordinal);

    private static void Table(StringBuilder text, string title, IReadOnlyList<Row> rows, Dictionary<string, JsonElement> byTarget, string? explained)
    {
        var targets = Targets.Where(byTarget.ContainsKey).ToList();
        var any = byTarget.Values.First();
        text.AppendLine(CultureInfo.InvariantCulture, $"## {title}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Parameters: {Parameters(any)}");
        text.AppendLine();
        if (explained is not null)
        {
            text.AppendLine(explained.Trim());
            text.AppendLine();
        }

        var header = new List<string>(["", .. targets]);
        var relays = targets.Where(t => t != "parley").ToList();
        var ratios = byTarget.ContainsKey("parley") ? relays : [];
        header.AddRange(ratios.Select(t => $"parley ÷ {t}"));
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Concat(header.Select((_, i) => i == 0 ? "---|" : "---:|")));
        foreach (var row in rows)
        {
            var values = targets.Select(t => row.Value(byTarget[t])).ToList();
            var cells = new List<string>([row.Label, .. values.Select(v => Format(v, row.Format))]);
            foreach (var relay in ratios)
            {
                var (mine, theirs) = (row.Value(byTarget["parley"]), row.Value(byTarget[relay]));
                cells.Add(row.RatioMeaningful && mine is { } a && theirs is { } b && b != 0 ? Format(a / b, "0.00") + "×" : "");
            }

            text.AppendLine("| " + string.Join(" | ", cells) + " |");
        }

        foreach (var (target, json) in byTarget)
        {
            var failure = json.GetProperty("failure");
            if (failure.ValueKind == JsonValueKind.String)
            {
                text.AppendLine();
                text.AppendLine(CultureInfo.InvariantCulture, $"{target} did not finish: {failure.GetString()}");
            }

            foreach (var note in json.GetProperty("notes").EnumerateArray())
            {
                text.AppendLine();
                text.AppendLine(CultureInfo.InvariantCulture, $"{target}: {note.GetString()}");
            }
        }

        text.AppendLine();
    }

    /// <summary>The rate sweep: per target, the highest rate delivered in full with customer → agent p99 under the limit.</summary>
    private static void Sweep(StringBuilder text, List<(string Scenario, string Target, JsonElement Json)> runs)
    {
        var rates = runs.Select(r => Throughput(r.Json, "scheduledPerSecond") ?? 0).Select(r => Math.Round(r)).Distinct().Order().ToList();
        var targets = Targets.Where(t => runs.Any(r => r.Target == t)).ToList();
        text.AppendLine("## Sustainable message rate (steady, rate sweep)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Sustainable = every message delivered, none lost or duplicated, and customer → agent p99 < {LatencyLimitMs} ms. Each cell: p99 (ms), and ✗ where the rate was not sustained.");
        if (runs.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Parameters (rate aside): {Parameters(runs[0].Json, "rate")}");
        }

        text.AppendLine();
        text.AppendLine("| messages/s | " + string.Join(" | ", targets) + " |");
        text.AppendLine("|---:|" + string.Concat(targets.Select(_ => "---:|")));
        var best = targets.ToDictionary(t => t, _ => 0.0, StringComparer.Ordinal);
        JsonElement? RunAt(string target, double rate) =>
            runs.Where(r => r.Target == target && Math.Round(Throughput(r.Json, "scheduledPerSecond") ?? 0) == rate).Select(r => (JsonElement?)r.Json).FirstOrDefault();
        foreach (var rate in rates)
        {
            var cells = new List<string> { Format(rate, "0") };
            foreach (var target in targets)
            {
                if (RunAt(target, rate) is not { } json)
                {
                    cells.Add("");
                    continue;
                }

                var p99 = Latency(json, "customerToAgent", "p99");
                var ok = Sustained(json);
                if (ok)
                {
                    best[target] = Math.Max(best[target], rate);
                }

                cells.Add($"{Format(p99, "0.##")}{(ok ? "" : " ✗")}");
            }

            text.AppendLine("| " + string.Join(" | ", cells) + " |");
        }

        text.AppendLine("| **sustainable** | " + string.Join(" | ", targets.Select(t => $"**{Format(best[t], "0")}**")) + " |");
        text.AppendLine();
        foreach (var target in targets.Where(t => best[t] > 0 && best[t] == rates.Where(rate => RunAt(t, rate) is not null).Max()))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{target} sustained the highest rate it was given: its limit lies higher.");
            text.AppendLine();
        }

        if (best.GetValueOrDefault("parley") is var parley && parley > 0)
        {
            foreach (var relay in targets.Where(t => t != "parley" && best[t] > 0))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"Parley ÷ {relay}: {Format(parley / best[relay] * 100, "0")} % of its sustainable rate.");
                text.AppendLine();
            }
        }

        text.AppendLine("Server CPU per delivered message while measuring (ms), at each rate:");
        text.AppendLine();
        text.AppendLine("| messages/s | " + string.Join(" | ", targets) + " |");
        text.AppendLine("|---:|" + string.Concat(targets.Select(_ => "---:|")));
        foreach (var rate in rates)
        {
            text.AppendLine("| " + Format(rate, "0") + " | " + string.Join(" | ", targets.Select(t => RunAt(t, rate) is { } json ? Format(Cpu(json, "server", "msPerMessage"), "0.###") : "")) + " |");
        }

        text.AppendLine();
    }

    /// <summary>Every measured message delivered once, nothing failed, and p99 customer → agent under the limit.</summary>
    public static bool Sustained(JsonElement run)
    {
        var m = run.GetProperty("messages");
        return run.GetProperty("failure").ValueKind != JsonValueKind.String
            && m.GetProperty("lost").GetInt64() == 0 && m.GetProperty("duplicated").GetInt64() == 0
            && m.GetProperty("failed").GetInt64() == 0 && m.GetProperty("pending").GetInt64() == 0
            && m.GetProperty("delivered").GetInt64() == m.GetProperty("scheduled").GetInt64()
            && Latency(run, "customerToAgent", "p99") is { } p99 && p99 < LatencyLimitMs;
    }

    private static List<(string Scenario, string Target, JsonElement Json)> Load(string directory) => !Directory.Exists(directory) ? [] :
    [
        .. Directory.EnumerateDirectories(directory)
            .Select(d => Path.Combine(d, "result.json"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal)
            .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement)
            .Select(j => (j.GetProperty("scenario").GetString()!, j.GetProperty("target").GetString()!, j)),
    ];

    private static string Parameters(JsonElement run, string? except = null) =>
        string.Join(", ", run.GetProperty("parameters").EnumerateObject().Where(p => p.Name != except).Select(p => $"`--{p.Name} {p.Value.GetString()}`"));

    private static double? Detail(JsonElement run, params string[] path)
    {
        var node = run.GetProperty("details");
        foreach (var name in path)
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node))
            {
                return null;
            }
        }

        return node.ValueKind == JsonValueKind.Number ? node.GetDouble() : null;
    }

    private static double? Latency(JsonElement run, string name, string percentile) =>
        run.GetProperty("latencies").TryGetProperty(name, out var entry) && entry.GetProperty("summary") is var s
        && s.GetProperty("count").GetInt64() > 0 && s.TryGetProperty(percentile, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : null;

    private static double? Messages(JsonElement run, string name) => run.GetProperty("messages").GetProperty(name).GetDouble();

    private static double? Throughput(JsonElement run, string name) =>
        run.TryGetProperty("throughput", out var t) && t.ValueKind == JsonValueKind.Object ? t.GetProperty(name).GetDouble() : null;

    private static double? Resource(JsonElement run, string process, string name) =>
        run.TryGetProperty(process, out var p) && p.ValueKind == JsonValueKind.Object && p.GetProperty(name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

    private static double? Cpu(JsonElement run, params string[] path)
    {
        if (!run.TryGetProperty("cpuWhileMeasuring", out var node))
        {
            return null;
        }

        foreach (var name in path)
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node))
            {
                return null;
            }
        }

        return node.ValueKind == JsonValueKind.Number ? node.GetDouble() : null;
    }

    private static double? Kb(double? kb) => kb / 1024;

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "—";
}
