using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Parley.Server.Reporting;

/// <summary>
/// The query string every report takes (<c>[AsParameters]</c>): <c>from</c>/<c>to</c> instants, <c>interval</c>
/// (15m, 30m, 1h, 1d, 1w), <c>timeZone</c> (IANA, default UTC), repeatable <c>queue</c>, <c>agent</c>, <c>site</c>,
/// <c>edge</c>, <c>medium</c>, and <c>format</c> (json, csv, xlsx; or the Accept header). Read as text so that every
/// bad value gets its own field error, not a bare 400. Named and described here for the OpenAPI document.
/// </summary>
public sealed class ReportRequest
{
    /// <summary>The widest report: a year and a day (a year's export at 15 minutes is 35,000 rows a queue).</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(367);

    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Description("The first instant covered, with its offset (2026-12-01T00:00:00Z); rows cover the intervals that overlap [from, to).")]
    [FromQuery(Name = "from")]
    public string? From { get; set; }
    [Description("The end (excluded), an instant with its offset; at most 367 days after from.")]
    [FromQuery(Name = "to")]
    public string? To { get; set; }
    [Description("The rows' length: 15m (default), 30m, 1h, 1d (local midnight to midnight) or 1w (from Monday).")]
    [FromQuery(Name = "interval")]
    public string? Interval { get; set; }
    [Description("The IANA time zone of the intervals (Europe/Amsterdam); UTC by default.")]
    [FromQuery(Name = "timeZone")]
    public string? TimeZone { get; set; }
    [Description("Only these queues (repeat the parameter for more).")]
    [FromQuery(Name = "queue")]
    public string[]? Queue { get; set; }
    [Description("Only these agents, by username (repeatable).")]
    [FromQuery(Name = "agent")]
    public string[]? Agent { get; set; }
    [Description("Only customers who came through edges of these sites (repeatable).")]
    [FromQuery(Name = "site")]
    public string[]? Site { get; set; }
    [Description("Only customers who came through these edges (repeatable).")]
    [FromQuery(Name = "edge")]
    public string[]? Edge { get; set; }
    [Description("Only these media: chat, message (repeatable).")]
    [FromQuery(Name = "medium")]
    public string[]? Medium { get; set; }
    [Description("json (default), csv or xlsx; or ask with the Accept header.")]
    [FromQuery(Name = "format")]
    public string? Format { get; set; }

    /// <summary>The filter, or the field errors (keys are the parameters' names).</summary>
    public bool TryGetFilter(out ReportFilter filter, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var from = Instant(From, "from", errors);
        var to = Instant(To, "to", errors);
        if (from is { } f && to is { } t && (t <= f || t - f > MaxRange))
        {
            errors["to"] = [t <= f ? "'to' must be after 'from'." : $"A report covers at most {MaxRange.TotalDays:0} days."];
        }

        var interval = Interval?.Trim() switch
        {
            null or "" or "15m" => ReportInterval.Minutes15,
            "30m" => ReportInterval.Minutes30,
            "1h" => ReportInterval.Hour,
            "1d" => ReportInterval.Day,
            "1w" => ReportInterval.Week,
            _ => (ReportInterval?)null,
        };
        if (interval is null)
        {
            errors["interval"] = ["'interval' is one of 15m, 30m, 1h, 1d, 1w."];
        }

        var zone = string.IsNullOrWhiteSpace(TimeZone) ? "UTC" : TimeZone.Trim();
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null)
        {
            errors["timeZone"] = ["'timeZone' is an IANA time zone, such as Europe/Amsterdam."];
        }

        if (Format is not null && FormatOf(Format) is null)
        {
            errors["format"] = ["'format' is one of json, csv, xlsx."];
        }

        filter = new ReportFilter(from ?? default, to ?? default, interval ?? default, zone, List(Queue), List(Agent), List(Site), List(Edge), List(Medium));
        return errors.Count == 0;
    }

    /// <summary>The format asked for: <c>format=</c> first, then the Accept header; JSON by default.</summary>
    public ReportFormat FormatFor(HttpRequest request)
    {
        if (Format is not null)
        {
            return FormatOf(Format) ?? ReportFormat.Json;
        }

        var accept = request.Headers.Accept.ToString();
        return accept.Contains(CsvType, StringComparison.OrdinalIgnoreCase) ? ReportFormat.Csv
            : accept.Contains(XlsxType, StringComparison.OrdinalIgnoreCase) ? ReportFormat.Xlsx
            : ReportFormat.Json;
    }

    private static ReportFormat? FormatOf(string format) => format.Trim().ToLowerInvariant() switch
    {
        "json" => ReportFormat.Json,
        "csv" => ReportFormat.Csv,
        "xlsx" => ReportFormat.Xlsx,
        _ => null,
    };

    private static DateTimeOffset? Instant(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[name] = [$"'{name}' is required: an instant such as 2026-12-01T00:00:00Z."];
            return null;
        }

        // An instant: a time with its offset (Z or ±hh:mm); a local time would mean different things to different readers.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && HasOffset(text))
        {
            return instant.ToUniversalTime();
        }

        errors[name] = [$"'{name}' is an instant with its offset, such as 2026-12-01T00:00:00Z."];
        return null;
    }

    private static bool HasOffset(string text)
    {
        var t = text.Trim();
        return t.EndsWith('Z') || t.EndsWith('z') || (t.Length > 6 && t[^6] is '+' or '-' && t[^3] == ':');
    }

    private static string[]? List(string[]? values) =>
        values?.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToArray() is { Length: > 0 } list ? list : null;
}
