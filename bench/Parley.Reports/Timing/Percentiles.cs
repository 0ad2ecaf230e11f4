namespace Parley.ReportBench.Timing;

/// <summary>Nearest-rank percentiles of a few timed runs (milliseconds).</summary>
public sealed record Percentiles(int Runs, double P50, double P95, double Max)
{
    public static Percentiles Of(IReadOnlyCollection<double> samples)
    {
        var sorted = samples.Order().ToArray();
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, Rank(0.50), Rank(0.95), sorted[^1]);
    }
}
