using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Parley.Server.Reporting;

namespace Parley.Server.Audit;

/// <summary>
/// The audit log's query string (<c>[AsParameters]</c>), read as text so every bad value gets its own field error.
/// </summary>
public sealed class AuditRequest
{
    public const int MaxPageSize = 200;

    [Description("Only what this account did (username).")]
    [FromQuery(Name = "actor")]
    public string? Actor { get; set; }
    [Description("Only this action (queue.changed, agent.deleted, …; docs/api.md lists them).")]
    [FromQuery(Name = "action")]
    public string? Action { get; set; }
    [Description("Only this subject, as kind:key (queue:support, agent:alice).")]
    [FromQuery(Name = "subject")]
    public string? Subject { get; set; }
    [Description("From this instant (included), with its offset: 2026-12-01T00:00:00Z.")]
    [FromQuery(Name = "from")]
    public string? From { get; set; }
    [Description("Until this instant (excluded), with its offset.")]
    [FromQuery(Name = "to")]
    public string? To { get; set; }
    [Description("The page, from 1 (newest first); JSON only.")]
    [FromQuery(Name = "page")]
    public string? Page { get; set; }
    [Description("Entries per page, 1–200 (default 50); JSON only.")]
    [FromQuery(Name = "pageSize")]
    public string? PageSize { get; set; }
    [Description("json (default, paged), csv or xlsx (every selected entry, oldest first).")]
    [FromQuery(Name = "format")]
    public string? Format { get; set; }

    /// <summary>The filter, page and format, or the field errors (keys are the parameters' names).</summary>
    public bool TryRead(out AuditFilter filter, out int page, out int pageSize, out ReportFormat format, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var from = Instant(From, "from", errors);
        var to = Instant(To, "to", errors);
        if (from is { } f && to is { } t && t <= f)
        {
            errors["to"] = ["'to' must be after 'from'."];
        }

        page = Number(Page, "page", 1, int.MaxValue, 1, errors);
        pageSize = Number(PageSize, "pageSize", 1, MaxPageSize, 50, errors);
        format = (Format?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "json" => ReportFormat.Json,
            "csv" => ReportFormat.Csv,
            "xlsx" => ReportFormat.Xlsx,
            _ => Invalid(errors),
        };
        filter = new AuditFilter(Text(Actor), Text(Action), Text(Subject), from, to);
        return errors.Count == 0;
    }

    private static ReportFormat Invalid(Dictionary<string, string[]> errors)
    {
        errors["format"] = ["'format' is one of json, csv, xlsx."];
        return ReportFormat.Json;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? Instant(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) && HasOffset(text))
        {
            return value;
        }

        errors[name] = [$"'{name}' is an instant with its offset, like 2026-12-01T00:00:00Z."];
        return null;
    }

    // A time without an offset would be read in the server's zone: refuse it rather than guess.
    private static bool HasOffset(string text)
    {
        var t = text.Trim();
        return t.EndsWith('Z') || t.EndsWith('z') || (t.Length > 6 && (t[^6] == '+' || t[^6] == '-') && t[^3] == ':');
    }

    private static int Number(string? text, string name, int min, int max, int fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [$"'{name}' is a whole number from {min} to {max}."];
        return fallback;
    }
}
