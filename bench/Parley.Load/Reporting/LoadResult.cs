using Parley.Load.Measurement;
using Parley.Load.Scenarios;

namespace Parley.Load.Reporting;

/// <summary>Everything a run measured; written as <c>result.json</c> and summarised in <c>summary.md</c>.</summary>
public sealed record LoadResult
{
    public required string Scenario { get; init; }
    public required string ScenarioSummary { get; init; }
    public required string Target { get; init; }
    public required string BaseAddress { get; init; }
    public required bool Smoke { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required double DurationSeconds { get; init; }

    /// <summary>Why the run stopped early (null when it ran to the end).</summary>
    public string? Failure { get; init; }

    public required IReadOnlyDictionary<string, string> Parameters { get; init; }
    public required MessageAccounting Messages { get; init; }
    public Throughput? Throughput { get; init; }

    /// <summary>CPU over the measured window and per message delivered in it (scenarios with a message load).</summary>
    public CpuWhileMeasuring? CpuWhileMeasuring { get; init; }

    public required IReadOnlyDictionary<string, LatencyEntry> Latencies { get; init; }
    public required IReadOnlyDictionary<string, long> Counters { get; init; }
    public required long ErrorTotal { get; init; }
    public required IReadOnlyDictionary<string, long> Errors { get; init; }
    public ResourceUse? Server { get; init; }
    public ResourceUse? Client { get; init; }
    public required IReadOnlyDictionary<string, object?> Details { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }
    public required IReadOnlyList<PhaseMark> Phases { get; init; }
    public required IReadOnlyList<TimelinePoint> Timeline { get; init; }
    public required Machine Machine { get; init; }

    /// <summary>The files written (set after writing them; not in the JSON itself).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ResultFiles? Files { get; init; }

    /// <summary>Ran to the end without an error, and every message was acknowledged and delivered exactly once.</summary>
    public bool Clean =>
        Failure is null && ErrorTotal == 0 && Messages.Lost == 0 && Messages.Duplicated == 0 && Messages.Pending == 0 && Messages.Failed == 0
        && Messages.Acknowledged == Messages.Scheduled && Messages.Delivered == Messages.Scheduled;
}

public sealed record LatencyEntry(string Description, LatencySummary Summary);

/// <param name="WindowSeconds">The measured window (after the warm-up).</param>
/// <param name="ScheduledPerSecond">Messages the schedule sent per second in the window.</param>
/// <param name="DeliveredPerSecond">Of those, delivered per second.</param>
public sealed record Throughput(double WindowSeconds, long MeasuredMessages, long MeasuredDelivered, double ScheduledPerSecond, double DeliveredPerSecond);

/// <param name="CpuPercent">Average over the run, in percent of one core.</param>
/// <param name="CpuPercentMax">Highest one-second reading.</param>
public sealed record ResourceUse(
    int Pid, double RssStartMb, double RssEndMb, double RssMaxMb, double PeakRssMb, double CpuSeconds, double? CpuPercent, double? CpuPercentMax, int ThreadsMax);

public sealed record Machine(string Os, int Processors, string Runtime, string Host);

/// <summary>One second of the run.</summary>
public sealed record TimelinePoint(
    double At,
    string Phase,
    long Scheduled,
    long Acknowledged,
    long Delivered,
    long Failed,
    long Errors,
    IReadOnlyDictionary<string, LatencySummary> Latencies,
    double? ServerRssMb,
    double? ServerCpuPercent,
    double? ClientRssMb,
    double? ClientCpuPercent,
    IReadOnlyDictionary<string, double> Gauges);

public sealed record ResultFiles(string Directory, string Json, string Markdown, string LatencyChart, string? ResourceChart);
