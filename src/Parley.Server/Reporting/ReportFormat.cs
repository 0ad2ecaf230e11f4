namespace Parley.Server.Reporting;

/// <summary>How a report is answered: JSON (the default), CSV or XLSX, each streamed row by row.</summary>
public enum ReportFormat
{
    Json,
    Csv,
    Xlsx,
}
