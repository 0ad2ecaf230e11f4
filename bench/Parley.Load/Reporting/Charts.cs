using System.Globalization;
using Parley.Load.Scenarios;
using ScottPlot;

namespace Parley.Load.Reporting;

/// <summary>PNG charts of the timeline (ScottPlot): latency over time, and the server's and the tool's resources.</summary>
public static class Charts
{
    private const int Width = 1400;
    private const int Height = 700;

    /// <summary>p50 (solid), p99 (dashed) and max (dotted) per second of each latency, on a logarithmic axis in ms.</summary>
    public static void Latency(LoadResult result, IReadOnlyList<string> latencies, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var drawn = 0;
        var (low, high) = (double.MaxValue, double.MinValue);
        foreach (var (name, index) in latencies.Select((n, i) => (n, i)))
        {
            var points = result.Timeline.Where(p => p.Latencies.ContainsKey(name)).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var color = palette.GetColor(index);
            var xs = points.Select(p => p.At).ToArray();
            foreach (var (label, pattern, width, pick) in new (string, LinePattern, float, Func<Measurement.LatencySummary, double?>)[]
            {
                ("p50", LinePattern.Solid, 2, s => s.P50),
                ("p99", LinePattern.Dashed, 2, s => s.P99),
                ("max", LinePattern.Dotted, 1, s => s.Max),
            })
            {
                var ys = points.Select(p => Math.Log10(Math.Max(pick(p.Latencies[name]) ?? 0.001, 0.001))).ToArray();
                (low, high) = (Math.Min(low, ys.Min()), Math.Max(high, ys.Max()));
                var line = plot.Add.Scatter(xs, ys);
                line.LegendText = $"{name} {label}";
                line.Color = color;
                line.LinePattern = pattern;
                line.LineWidth = width;
                line.MarkerSize = points.Count == 1 ? 5 : 0;
            }

            drawn++;
        }

        if (drawn == 0)
        {
            plot.Add.Annotation("No latency was recorded.");
        }

        if (drawn > 0)
        {
            plot.Axes.Left.TickGenerator = LogTicks(low, high);
        }

        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(.15);
        plot.Grid.MinorLineColor = Colors.Black.WithOpacity(.05);
        plot.Grid.MinorLineWidth = 1;
        Phases(plot, result.Phases);
        // The second (empty) line keeps the title clear of the phase names above the data area.
        plot.Title($"{result.Scenario} against {result.Target}: latency per second (ms, log scale; solid p50, dashed p99, dotted max)\n ");
        plot.XLabel("seconds since start");
        plot.YLabel("latency (ms)");
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>Server and tool RSS (left axis, MB) and CPU (right axis, % of one core) per second.</summary>
    public static void Resources(LoadResult result, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var points = result.Timeline;
        void Series(string label, Func<TimelinePoint, double?> pick, int color, bool right, LinePattern pattern)
        {
            var chosen = points.Where(p => pick(p) is not null).ToList();
            if (chosen.Count == 0)
            {
                return;
            }

            var line = plot.Add.Scatter(chosen.Select(p => p.At).ToArray(), chosen.Select(p => pick(p)!.Value).ToArray());
            line.LegendText = label;
            line.Color = palette.GetColor(color);
            line.LinePattern = pattern;
            line.LineWidth = 2;
            line.MarkerSize = 0;
            if (right)
            {
                line.Axes.YAxis = plot.Axes.Right;
            }
        }

        Series("server RSS (MB)", p => p.ServerRssMb, 0, false, LinePattern.Solid);
        Series("load tool RSS (MB)", p => p.ClientRssMb, 1, false, LinePattern.Solid);
        Series("server CPU (%)", p => p.ServerCpuPercent, 0, true, LinePattern.Dashed);
        Series("load tool CPU (%)", p => p.ClientCpuPercent, 1, true, LinePattern.Dashed);
        Phases(plot, result.Phases);
        plot.Title($"{result.Scenario} against {result.Target}: memory (solid, left) and CPU (dashed, right, % of one core)\n ");
        plot.XLabel("seconds since start");
        plot.Axes.Left.Label.Text = "RSS (MB)";
        plot.Axes.Right.Label.Text = "CPU (% of one core)";
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>Labelled ticks at 1, 2 and 5 of each decade (the values are log10 of ms), unlabelled ones between.</summary>
    private static ScottPlot.TickGenerators.NumericManual LogTicks(double low, double high)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var decade = (int)Math.Floor(low) - 1; decade <= (int)Math.Ceiling(high) + 1; decade++)
        {
            for (var step = 1; step <= 9; step++)
            {
                var value = step * Math.Pow(10, decade);
                if (step is 1 or 2 or 5)
                {
                    ticks.AddMajor(Math.Log10(value), value.ToString(value < 1 ? "0.###" : "#,0", CultureInfo.InvariantCulture));
                }
                else
                {
                    ticks.AddMinor(Math.Log10(value));
                }
            }
        }

        return ticks;
    }

    private static void Phases(Plot plot, IReadOnlyList<PhaseMark> phases)
    {
        foreach (var phase in phases)
        {
            var line = plot.Add.VerticalLine(phase.At);
            line.Text = phase.Phase;
            line.Color = Colors.Gray;
            line.LinePattern = LinePattern.Dotted;
            line.LineWidth = 1;
            line.LabelOppositeAxis = true;
        }
    }
}
