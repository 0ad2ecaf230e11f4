using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Parley.Routing.Bench;

/// <summary>
/// The routing decision cost at the issue's scale, engine against the naive baseline in the same run. Each
/// benchmark invocation runs a batch of operations, reported per operation (one assignment).
/// </summary>
/// <remarks>
/// BenchmarkDotNet's percentiles are over iteration means (each a mean over thousands of assignments), not over
/// single assignments; the per-assignment latency distribution comes from <c>--latency</c>.
/// </remarks>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private const int EngineBatch = 2_000;
    private const int NaiveBatch = 20;

    private Driver _driver = null!;

    [GlobalSetup(Target = nameof(EngineFreedAgent))]
    public void SetupEngineFreedAgent() => _driver = BuildDriver(WorldSize.Issue, naive: false);

    [GlobalSetup(Target = nameof(NaiveFreedAgent))]
    public void SetupNaiveFreedAgent() => _driver = BuildDriver(WorldSize.Issue, naive: true);

    [GlobalSetup(Target = nameof(EngineArrival))]
    public void SetupEngineArrival() => _driver = BuildDriver(WorldSize.AllReady, naive: false);

    [GlobalSetup(Target = nameof(NaiveArrival))]
    public void SetupNaiveArrival() => _driver = BuildDriver(WorldSize.AllReady, naive: true);

    /// <summary>An agent's chat ends, they take the best waiting chat of their queues, a replacement chat arrives.</summary>
    [Benchmark(OperationsPerInvoke = EngineBatch, Description = "Engine: chat ends → freed agent takes best chat")]
    [BenchmarkCategory("FreedAgent")]
    public int EngineFreedAgent() => Run(EngineBatch, arrival: false);

    [Benchmark(Baseline = true, OperationsPerInvoke = NaiveBatch, Description = "Naive: chat ends → freed agent takes best chat")]
    [BenchmarkCategory("FreedAgent")]
    public int NaiveFreedAgent() => Run(NaiveBatch, arrival: false);

    /// <summary>A chat arrives and goes to the best ready agent (10,000 ready agents, nothing waiting).</summary>
    [Benchmark(OperationsPerInvoke = EngineBatch, Description = "Engine: chat arrives → best ready agent")]
    [BenchmarkCategory("Arrival")]
    public int EngineArrival() => Run(EngineBatch, arrival: true);

    [Benchmark(Baseline = true, OperationsPerInvoke = NaiveBatch, Description = "Naive: chat arrives → best ready agent")]
    [BenchmarkCategory("Arrival")]
    public int NaiveArrival() => Run(NaiveBatch, arrival: true);

    public static Driver BuildDriver(WorldSize size, bool naive) =>
        new(new World(size), naive ? new NaiveRouter() : new EngineRouter());

    private int Run(int operations, bool arrival)
    {
        var assigned = 0;
        for (var i = 0; i < operations; i++)
        {
            assigned += arrival ? _driver.Arrival() : _driver.FreedAgent();
        }

        return assigned;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // Short enough for a 2-core box in a few minutes; one launch, a few warm-ups, 10 measured iterations.
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithId("Routing"));
            AddColumn(StatisticColumn.P95, new PercentileColumn(99));
            AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
            HideColumns(Column.Job);
        }
    }
}

/// <summary>A percentile of the iteration means, per operation (BenchmarkDotNet has columns up to P95 only).</summary>
public sealed class PercentileColumn(int percentile) : IColumn
{
    public string Id => $"{nameof(PercentileColumn)}.P{percentile}";
    public string ColumnName => $"P{percentile}";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Statistics;
    public int PriorityInCategory => 10;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"Percentile {percentile} of the iteration means (per operation)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary?.Style ?? SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        return statistics is null ? "NA" : Format(statistics.Percentiles.Percentile(percentile));
    }

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    private static string Format(double nanoseconds) => nanoseconds switch
    {
        >= 1_000_000 => $"{nanoseconds / 1_000_000:N3} ms",
        >= 1_000 => $"{nanoseconds / 1_000:N3} μs",
        _ => $"{nanoseconds:N1} ns",
    };
}
