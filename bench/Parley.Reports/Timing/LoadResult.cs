namespace Parley.ReportBench.Timing;

/// <summary>How long generating and loading the facts took.</summary>
public sealed record LoadResult(long Facts, long Conversations, TimeSpan Load)
{
    public double FactsPerSecond => Facts / Load.TotalSeconds;
}
