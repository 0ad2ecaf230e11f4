namespace Parley.ReportBench.Timing;

/// <summary>One provider's run: the load, each report's timings, the export.</summary>
public sealed record ProviderResult(Parley.Server.Storage.StorageProvider Provider, string Database, LoadResult? Load);
