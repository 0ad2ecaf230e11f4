namespace Parley.ReportBench.Timing;

/// <summary>How long generating and loading the facts took, and how far the projections' catch-up took.</summary>
public sealed record LoadResult(long Facts, long Conversations, TimeSpan Load, TimeSpan? CatchUp)
{
    public double FactsPerSecond => Facts / Load.TotalSeconds;
}
