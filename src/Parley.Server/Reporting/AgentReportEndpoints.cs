using Parley.Server.Agents;
using Parley.Server.Hosting.Errors;

namespace Parley.Server.Reporting;

/// <summary>
/// The agent reports under <c>/api/v1/reports</c> (supervisor or admin): figures per agent and interval, shifts, and one
/// agent's activity timeline; each as JSON, CSV or XLSX (<c>format=</c> or Accept), streamed.
/// </summary>
internal static class AgentReportEndpoints
{
    public static RouteGroupBuilder MapAgentReports(this RouteGroupBuilder reports)
    {
        reports.MapGet("/agents", Agents)
            .WithName("AgentReport")
            .WithSummary("Per agent and interval: chats, handle and first-response times, transfers, ratings, time in each state and reason, occupancy.")
            .WithDescription("Rows cover the intervals (interval=15m|30m|1h|1d|1w in timeZone) that overlap [from, to); with 1d or 1w a shift's figures are in the day or week it started. Narrow with agent= (repeatable); queue, site, edge and medium are refused (400): an agent's time is not split by them. docs/reporting.md (agent reports) defines every column.")
            .Produces<AgentReportRow[]>(StatusCodes.Status200OK, "application/json", ReportRequest.CsvType, ReportRequest.XlsxType);
        reports.MapGet("/shifts", Shifts)
            .WithName("ShiftReport")
            .WithSummary("Agents' shifts (sign-in to sign-out, joined across gaps shorter than Parley:Reporting:ShiftGap) that start in the intervals overlapping [from, to), with their start day.")
            .Produces<AgentShiftRow[]>(StatusCodes.Status200OK, "application/json", ReportRequest.CsvType, ReportRequest.XlsxType);
        reports.MapGet("/agents/{username}/activity", Activity)
            .WithName("AgentActivity")
            .WithSummary("One agent's activity timeline in [from, to): every state span (sign-in, presence and reason, wrap-up, external busy, load) in order.")
            .Produces<AgentActivityRow[]>(StatusCodes.Status200OK, "application/json", ReportRequest.CsvType, ReportRequest.XlsxType);
        return reports;
    }

    private static IResult Agents([AsParameters] ReportRequest request, HttpContext http, AgentReports reports, ReportScope scope) =>
        Scoped(request, http, scope, null, out var filter, out var refused)
            ? ReportExport.Rows(reports.AgentsAsync(filter, http.RequestAborted), request.FormatFor(http.Request), "agents")
            : refused!;

    private static IResult Shifts([AsParameters] ReportRequest request, HttpContext http, AgentReports reports, ReportScope scope) =>
        Scoped(request, http, scope, null, out var filter, out var refused)
            ? ReportExport.Rows(reports.ShiftsAsync(filter, http.RequestAborted), request.FormatFor(http.Request), "shifts")
            : refused!;

    private static IResult Activity(string username, [AsParameters] ReportRequest request, HttpContext http, AgentReports reports, ReportScope scope) =>
        Scoped(request, http, scope, username, out var filter, out var refused)
            ? ReportExport.Rows(reports.ActivityAsync(username, filter.From, filter.To, filter.TimeZone, http.RequestAborted), request.FormatFor(http.Request), $"activity-{Safe(username)}")
            : refused!;

    /// <summary>The filter, valid and narrowed to the asker's team (<paramref name="agent"/>: the one agent asked about); else the refusal.</summary>
    private static bool Scoped(ReportRequest request, HttpContext http, ReportScope scope, string? agent, out ReportFilter filter, out IResult? refused)
    {
        refused = null;
        if (!PerAgent(request, out filter, out var errors))
        {
            refused = TypedResults.ValidationProblem(errors);
            return false;
        }

        var scoped = scope.Agents(http.User.Username(), agent is null ? filter : filter with { Agents = [agent] });
        if (scoped.Failure is { } failure)
        {
            refused = failure.ToProblem(http);
            return false;
        }

        filter = agent is null ? scoped.Value! : filter;
        return true;
    }

    /// <summary>
    /// The filter, refusing the queue, site, edge and medium narrowings: an agent serves several queues (and customers of
    /// every site and medium) at once, so time in a state cannot be split by them. Refused rather than ignored, so a
    /// report never looks narrower than it is.
    /// </summary>
    private static bool PerAgent(ReportRequest request, out ReportFilter filter, out Dictionary<string, string[]> errors)
    {
        var valid = request.TryGetFilter(out filter, out errors);
        foreach (var (name, values) in new[] { ("queue", filter.Queues), ("site", filter.Sites), ("edge", filter.Edges), ("medium", filter.Media) })
        {
            if (values is { Count: > 0 })
            {
                errors[name] = [$"The agent reports are per agent and cannot be narrowed by {name}: an agent's time is not split by the queues, sites or media they serve at once. Use the queue report, or the conversations report with agent=."];
                valid = false;
            }
        }

        return valid;
    }

    // The file name carries the username: only the characters a username may have.
    private static string Safe(string username) => new([.. username.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')]);
}
