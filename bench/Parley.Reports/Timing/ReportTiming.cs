using System.Diagnostics;

namespace Parley.ReportBench.Timing;

/// <summary>One report timed: the rows it answered and its times over the runs (after one untimed warm-up).</summary>
public sealed record ReportTiming(string Report, long Rows, Percentiles Milliseconds)
{
    public static async Task<ReportTiming> MeasureAsync(TimedReport report, int runs, CancellationToken cancellationToken)
    {
        var rows = await report.Run(cancellationToken);
        var samples = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            rows = await report.Run(cancellationToken);
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        return new ReportTiming(report.Name, rows, Percentiles.Of(samples));
    }
}

/// <summary>A report as a caller asks for it: all its rows read; answers how many.</summary>
public sealed record TimedReport(string Name, Func<CancellationToken, Task<long>> Run);
