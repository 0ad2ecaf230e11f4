namespace Parley.Server.Reporting;

/// <summary>The length of a report's rows: 15 or 30 minutes, an hour, a day or a week in the report's time zone.</summary>
public enum ReportInterval
{
    Minutes15,
    Minutes30,
    Hour,
    Day,
    Week,
}
