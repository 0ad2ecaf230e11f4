namespace Parley.ReportBench.Timing;

/// <summary>The server's clock at one instant: "now" for the reports is the end of the generated range.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
