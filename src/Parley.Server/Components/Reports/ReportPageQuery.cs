using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using NodaTime;
using NodaTime.Text;
using Parley.Server.Conversations;

namespace Parley.Server.Components.Reports;

/// <summary>
/// What a report page shows, as its address says (so a view can be bookmarked and every drill-down is a link): whole
/// days <c>from</c>–<c>to</c> (inclusive, in <c>timeZone</c>), or one interval starting <c>at</c> (a drill-down), the
/// <c>interval</c>, queues, agents and, for the conversations, an <c>outcome</c>, a <c>wrapUpCode</c> and a <c>tag</c> (the
/// narrowing only the conversation report accepts). It turns them into the report API's instants: a day starts at its
/// local midnight, so a DST day is 23 or 25 hours.
/// </summary>
public sealed record ReportPageQuery(
    string View,
    LocalDate FromDate,
    LocalDate ToDate,
    Instant From,
    Instant To,
    string Interval,
    DateTimeZone Zone,
    IReadOnlyList<string> Queues,
    IReadOnlyList<string> Agents,
    string? Outcome,
    Instant? At,
    string? WrapUpCode = null,
    string? Tag = null)
{
    public static readonly IReadOnlyList<string> Views = ["queues", "agents", "conversations"];
    public static readonly IReadOnlyList<string> Intervals = ["15m", "30m", "1h", "1d", "1w"];
    public static readonly IReadOnlyList<string> Outcomes = ["answered", "abandoned", "shortAbandoned", "expired", "ended", "waiting"];

    /// <summary>The default: the last seven days, to today, by day.</summary>
    public const int DefaultDays = 7;

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    /// <summary>Reads the page's address; anything unreadable falls back to the default (the page says what it shows).</summary>
    public static ReportPageQuery Parse(string? view, string? from, string? to, string? interval, string? timeZone,
        IReadOnlyList<string>? queues, IReadOnlyList<string>? agents, string? outcome, string? at, Instant now,
        string? wrapUpCode = null, string? tag = null)
    {
        var zone = (string.IsNullOrWhiteSpace(timeZone) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone.Trim())) ?? DateTimeZone.Utc;
        var today = now.InZone(zone).Date;
        var toDate = Date(to) ?? today;
        var fromDate = Date(from) ?? toDate.PlusDays(1 - DefaultDays);
        if (fromDate > toDate)
        {
            (fromDate, toDate) = (toDate, fromDate);
        }

        var length = Intervals.Contains(interval?.Trim() ?? "") ? interval!.Trim() : "1d";
        var start = zone.AtStartOfDay(fromDate).ToInstant();
        var end = zone.AtStartOfDay(toDate.PlusDays(1)).ToInstant();
        Instant? first = null;
        if (!string.IsNullOrWhiteSpace(at) && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            // One interval: from its start to the next boundary in the zone.
            first = Instant.FromDateTimeOffset(instant);
            (start, end) = (first.Value, NextBoundary(first.Value, length, zone));
        }

        return new(
            Views.Contains(view ?? "") ? view! : "queues",
            fromDate, toDate, start, end, length, zone,
            Clean(queues), Clean(agents),
            Outcomes.Contains(outcome ?? "") ? outcome : null,
            first,
            // As the API compares them (a code as chosen, a tag as stored); what it would refuse is left out.
            WrapUpRules.IsCode(wrapUpCode?.Trim()) ? wrapUpCode!.Trim() : null,
            TagName.Normalize(tag));
    }

    /// <summary>The start of the interval after the one starting at <paramref name="start"/>, in the zone.</summary>
    public static Instant NextBoundary(Instant start, string interval, DateTimeZone zone)
    {
        var local = start.InZone(zone).LocalDateTime;
        return interval switch
        {
            "15m" => start + Duration.FromMinutes(15),
            "30m" => start + Duration.FromMinutes(30),
            "1h" => start + Duration.FromHours(1),
            "1w" => zone.AtStartOfDay(local.Date.Next(IsoDayOfWeek.Monday)).ToInstant(),
            _ => zone.AtStartOfDay(local.Date.PlusDays(1)).ToInstant(),
        };
    }

    /// <summary>The report API's address for this view, as JSON, or as a download (<c>csv</c>, <c>xlsx</c>).</summary>
    public string ApiUrl(string? format = null)
    {
        var pairs = FilterPairs(api: true).ToList();
        if (View == "agents")
        {
            // The agent report is per agent and refuses queues; the page keeps them for the other views.
            pairs.RemoveAll(p => p.Key == "queue");
        }

        if (View == "conversations")
        {
            pairs.AddRange(Narrowing(Outcome, WrapUpCode, Tag));
        }

        if (format is not null)
        {
            pairs.Add(new("format", format));
        }

        return QueryHelpers.AddQueryString($"api/v1/reports/{View}", pairs);
    }

    /// <summary>
    /// This page's address for another view keeping the filter, with the conversations' own narrowing (outcome,
    /// wrap-up code, tag) where given.
    /// </summary>
    public string PageUrl(string view, string? outcome = null, string? wrapUpCode = null, string? tag = null) =>
        QueryHelpers.AddQueryString($"admin/reports/{view}", [.. FilterPairs(api: false), .. Narrowing(outcome, wrapUpCode, tag)]);

    /// <summary>A tab's address: the conversations tab keeps this page's narrowing, the others cannot use it.</summary>
    public string TabUrl(string view) => view == "conversations" ? PageUrl(view, Outcome, WrapUpCode, Tag) : PageUrl(view);

    /// <summary>
    /// The filter as query pairs: the API's instants, or the page's own (its dates, or the one interval's start) — what
    /// a drill-down link keeps.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string?>> FilterPairs(bool api)
    {
        if (api)
        {
            yield return new("from", InstantPattern.General.Format(From));
            yield return new("to", InstantPattern.General.Format(To));
        }
        else if (At is { } at)
        {
            yield return new("at", InstantPattern.General.Format(at));
        }
        else
        {
            yield return new("from", DatePattern.Format(FromDate));
            yield return new("to", DatePattern.Format(ToDate));
        }

        yield return new("interval", Interval);
        yield return new("timeZone", Zone.Id);
        foreach (var queue in Queues)
        {
            yield return new("queue", queue);
        }

        foreach (var agent in Agents)
        {
            yield return new("agent", agent);
        }
    }

    /// <summary>What the page covers, in words: "1 Dec 2026 – 7 Dec 2026 (Europe/Amsterdam)".</summary>
    public string Describe()
    {
        if (At is { } at)
        {
            var local = at.InZone(Zone).LocalDateTime;
            return $"The {IntervalName(Interval)} from {local.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)} ({Zone.Id})";
        }

        return $"{FromDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} – {ToDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} ({Zone.Id})";
    }

    public static string IntervalName(string interval) => interval switch
    {
        "15m" => "15 minutes",
        "30m" => "30 minutes",
        "1h" => "hour",
        "1w" => "week",
        _ => "day",
    };

    private static IEnumerable<KeyValuePair<string, string?>> Narrowing(string? outcome, string? wrapUpCode, string? tag)
    {
        if (outcome is not null)
        {
            yield return new("outcome", outcome);
        }

        if (wrapUpCode is not null)
        {
            yield return new("wrapUpCode", wrapUpCode);
        }

        if (tag is not null)
        {
            yield return new("tag", tag);
        }
    }

    private static LocalDate? Date(string? text) =>
        !string.IsNullOrWhiteSpace(text) && DatePattern.Parse(text.Trim()) is { Success: true } parsed ? parsed.Value : null;

    private static IReadOnlyList<string> Clean(IReadOnlyList<string>? values) =>
        values is null ? [] : [.. values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)];
}
