using Parley.Server.Storage;

namespace Parley.ReportBench.Loading;

/// <summary>Appends generated facts to <c>report_events</c> in the order given (that order becomes the log's Ids).</summary>
public interface IFactLoader
{
    Task<long> LoadAsync(IEnumerable<ReportEventRecord> facts, CancellationToken cancellationToken = default);
}
