using System.Text.Json;
using Parley.Load.Measurement;
using Parley.Load.Reporting;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Bench.Tests;

/// <summary>
/// <c>Parley.Load report</c>: the side-by-side tables read from a series' result.json files (written here the way
/// the tool writes them), with Parley's ratio to each relay.
/// </summary>
public sealed class ComparisonTests : IDisposable
{
    private readonly string _series = Directory.CreateTempSubdirectory("parley-series-").FullName;

    public void Dispose() => ParleyServer.TryDelete(_series);

    [Fact]
    public void Steady_shows_the_set_up_start_to_accept_and_CPU_per_delivered_message_with_the_ratios()
    {
        Write("steady-parley", Run("parley", 1000, startToAccept: (40, 120), serverMsPerMessage: 0.7, serverPercent: 140));
        Write("steady-signalr-relay", Run("signalr-relay", 1000, startToAccept: (1, 3), serverMsPerMessage: 0.2, serverPercent: 40));
        Write("steady-bare-relay", Run("bare-relay", 1000, startToAccept: null, serverMsPerMessage: 0.1, serverPercent: 20));

        var report = Comparison.Build(_series);

        Assert.Contains("| set-up: start → accept p50 (ms) | 40 | 1 | — | 40.00× |  |", report, StringComparison.Ordinal);
        Assert.Contains("| set-up: start → accept p99 (ms) | 120 | 3 | — | 40.00× |  |", report, StringComparison.Ordinal);
        Assert.Contains("| server CPU while measuring (% of one core) | 140 | 40 | 20 | 3.50× | 7.00× |", report, StringComparison.Ordinal);
        Assert.Contains("| server CPU per delivered message (ms) | 0.7 | 0.2 | 0.1 | 3.50× | 7.00× |", report, StringComparison.Ordinal);
        Assert.Contains("| client CPU per delivered message (ms) | 0.25 | 0.25 | 0.25 | 1.00× | 1.00× |", report, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cpu_runs_get_a_table_of_their_own_apart_from_steady()
    {
        Write("steady-parley", Run("parley", 1000, startToAccept: (40, 120), serverMsPerMessage: 0.9, serverPercent: 90));
        Write("cpu/steady-parley", Run("parley", 2000, startToAccept: (40, 120), serverMsPerMessage: 0.5, serverPercent: 100));
        Write("cpu/steady-signalr-relay", Run("signalr-relay", 2000, startToAccept: (1, 3), serverMsPerMessage: 0.2, serverPercent: 40));
        Write("cpu/steady-bare-relay", Run("bare-relay", 2000, serverMsPerMessage: 0.1, serverPercent: 20, customerToAgentP99: 60));

        var report = Comparison.Build(_series);

        var cpu = report[report.IndexOf("## CPU per delivered message", StringComparison.Ordinal)..];
        Assert.Contains("| messages/s scheduled (measured window) | 2000 | 2000 | 2000 | 1.00× | 1.00× |", cpu, StringComparison.Ordinal);
        Assert.Contains("| sustained (all delivered once, p99 < 50 ms) | yes | yes | no |  |  |", cpu, StringComparison.Ordinal);
        Assert.Contains("| server CPU per delivered message (ms) | 0.5 | 0.2 | 0.1 | 2.50× | 5.00× |", cpu, StringComparison.Ordinal);
        Assert.Contains("| server CPU while measuring (% of one core) | 100 | 40 | 20 | 2.50× | 5.00× |", cpu, StringComparison.Ordinal);
        // The steady table holds only the steady run.
        Assert.Contains("| server CPU per delivered message (ms) | 0.9 |", report[..report.IndexOf("## CPU per delivered message", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public void The_sweep_gives_each_targets_sustainable_rate_the_ratios_and_CPU_per_message_at_each_rate()
    {
        Write("sweep/steady-parley-1000", Run("parley", 1000, serverMsPerMessage: 0.6));
        Write("sweep/steady-parley-2000", Run("parley", 2000, serverMsPerMessage: 0.55));
        Write("sweep/steady-parley-4000", Run("parley", 4000, serverMsPerMessage: 0.5, customerToAgentP99: 80));
        Write("sweep/steady-signalr-relay-2000", Run("signalr-relay", 2000, serverMsPerMessage: 0.2));
        Write("sweep/steady-signalr-relay-4000", Run("signalr-relay", 4000, serverMsPerMessage: 0.18));
        Write("sweep/steady-bare-relay-4000", Run("bare-relay", 4000, serverMsPerMessage: 0.1, lost: 3));

        var report = Comparison.Build(_series);

        Assert.Contains("| 4000 | 80 ✗ | 10 | 10 ✗ |", report, StringComparison.Ordinal);
        Assert.Contains("| **sustainable** | **2000** | **4000** | **0** |", report, StringComparison.Ordinal);
        Assert.Contains("Parley ÷ signalr-relay: 50 % of its sustainable rate.", report, StringComparison.Ordinal);
        Assert.DoesNotContain("Parley ÷ bare-relay", report, StringComparison.Ordinal);
        Assert.Contains("signalr-relay sustained the highest rate it was given: its limit lies higher.", report, StringComparison.Ordinal);
        Assert.DoesNotContain("parley sustained the highest rate", report, StringComparison.Ordinal);
        Assert.Contains("| 1000 | 0.6 |  |  |", report, StringComparison.Ordinal);
        Assert.Contains("| 4000 | 0.5 | 0.18 | 0.1 |", report, StringComparison.Ordinal);
    }

    private void Write(string folder, LoadResult result)
    {
        var directory = Path.Combine(_series, folder);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "result.json"), JsonSerializer.Serialize(result, Reports.Json));
    }

    private static LoadResult Run(
        string target, long rate, (double P50, double P99)? startToAccept = null, double serverMsPerMessage = 0.5, double serverPercent = 100,
        double customerToAgentP99 = 10, long lost = 0)
    {
        const double seconds = 30;
        var delivered = rate * (long)seconds;
        var latencies = new Dictionary<string, LatencyEntry>(StringComparer.Ordinal)
        {
            ["customerToAgent"] = new("customer → agent", new LatencySummary(delivered / 2, 1, 2, customerToAgentP99, customerToAgentP99, customerToAgentP99, 1)),
        };
        if (startToAccept is var (p50, p99))
        {
            latencies["startToAccept"] = new("start → accept", new LatencySummary(1000, p50, p99, p99, p99, p99, p50));
        }

        return new LoadResult
        {
            Scenario = "steady",
            ScenarioSummary = "steady",
            Target = target,
            BaseAddress = "http://127.0.0.1:5400/",
            Smoke = false,
            StartedAt = DateTimeOffset.UnixEpoch,
            DurationSeconds = 60,
            Parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["conversations"] = "1000", ["rate"] = rate.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            Messages = new MessageAccounting(delivered, delivered, delivered - lost, delivered, delivered, 0, delivered - lost, lost, 0, 0, 0, 0, 0, 0, 0, 0),
            Throughput = new Throughput(seconds, delivered, delivered - lost, rate, rate - (lost / seconds)),
            CpuWhileMeasuring = new CpuWhileMeasuring(
                seconds, delivered,
                new ProcessCpu(serverMsPerMessage * delivered / 1000, serverPercent, serverMsPerMessage),
                new ProcessCpu(0.25 * delivered / 1000, 50, 0.25)),
            Latencies = latencies,
            Counters = new Dictionary<string, long>(StringComparer.Ordinal),
            ErrorTotal = 0,
            Errors = new Dictionary<string, long>(StringComparer.Ordinal),
            Details = new Dictionary<string, object?>(StringComparer.Ordinal) { ["conversations"] = 1000 },
            Notes = [],
            Phases = [],
            Timeline = [],
            Machine = new Machine("Linux", 2, "10.0", "test"),
        };
    }
}
