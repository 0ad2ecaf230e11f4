namespace Parley.Server.Storage;

/// <summary>
/// How far one projection of the reporting event log has read (table <c>report_projections</c>): the last
/// <see cref="ReportEventRecord.Id"/> it folded into its roll-ups, written in the same transaction as the roll-ups, so a
/// crash neither loses nor counts twice.
/// </summary>
public sealed class ReportProjectionRecord
{
    public required string Name { get; set; }

    public long Position { get; set; }
}
