using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Reporting;

/// <summary><c>Parley:Reporting</c>: how long raw facts are kept, how agent shifts are joined, how long a page's table is.</summary>
public sealed class ReportingOptions
{
    public const string Section = "Parley:Reporting";

    /// <summary>Raw facts older than this are deleted (roll-ups stay): drill-down and export reach back this far.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan RawRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>A sign-out followed by a sign-in within this gap is one shift (a reload, a short break).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "12:00:00")]
    public TimeSpan ShiftGap { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The rows of one page of a report's table on the reports page (the download has every row).</summary>
    [Range(1, 10_000)]
    public int PageRows { get; set; } = 1_000;
}
