using Parley.Server.Storage;

namespace Parley.ReportBench.Timing;

/// <summary>One provider's run: the load, the projections' catch-up, each report's timings, the exports.</summary>
public sealed record ProviderResult(
    StorageProvider Provider,
    string Database,
    LoadResult? Load,
    TimeSpan QueuesCatchUp,
    TimeSpan AgentsCatchUp,
    IReadOnlyList<ReportTiming> Reports,
    IReadOnlyList<ExportTiming> Exports);
