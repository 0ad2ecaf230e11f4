using System.ComponentModel;
using Parley.Server.Agents;
using Parley.Server.Conversations;
using Parley.Server.Hosting.Errors;

namespace Parley.Server.Reporting;

/// <summary>
/// <c>GET /api/v1/reports/queues</c> and <c>GET /api/v1/reports/conversations</c>: the queue report and the
/// one-row-per-conversation drill-down and export, as JSON, CSV or XLSX.
/// </summary>
public static class QueueReportEndpoints
{
    public static RouteGroupBuilder MapQueueReports(this RouteGroupBuilder reports)
    {
        reports.MapGet("/queues", QueuesAsync)
            .Produces<IReadOnlyList<QueueReportRow>>(contentType: "application/json", additionalContentTypes: [ReportRequest.CsvType, ReportRequest.XlsxType])
            .WithName("QueueReport")
            .WithSummary("Each queue per interval: offered, answered, abandoned, service level, ASA, AHT, satisfaction…")
            .WithDescription("Rows cover the intervals (in timeZone) that overlap [from, to); only intervals with figures. docs/reporting.md defines each figure.");
        reports.MapGet("/conversations", Conversations)
            .Produces<IReadOnlyList<ConversationReportRow>>(contentType: "application/json", additionalContentTypes: [ReportRequest.CsvType, ReportRequest.XlsxType])
            .WithName("ConversationReport")
            .WithSummary("One row per conversation that entered a queue in [from, to): the drill-down and the export.")
            .WithDescription("queue matches the first or the last queue, agent the last agent; outcome narrows to waiting, answered, abandoned, shortAbandoned, expired or ended; wrapUpCode and tag to the chats that have them.");
        return reports;
    }

    private static async Task<IResult> QueuesAsync(
        [AsParameters] ReportRequest request, HttpContext http, QueueReports queries, ReportScope scope, CancellationToken cancellationToken)
    {
        if (!request.TryGetFilter(out var asked, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var scoped = scope.Queues(http.User.Username(), asked);
        if (scoped.Failure is { } refused)
        {
            return refused.ToProblem(http);
        }

        var filter = scoped.Value!;

        // A report's rows are rolled up in memory (a month of 15-minute rows per queue is small); the export streams them.
        var rows = await queries.QueuesAsync(filter, cancellationToken);
        return ReportExport.Rows(rows.ToAsyncEnumerable(), request.FormatFor(http.Request), "queues");
    }

    private static IResult Conversations(
        [AsParameters] ReportRequest request,
        [Description("Only conversations with this outcome: waiting, answered, abandoned, shortAbandoned, expired, ended.")] string? outcome,
        [Description("Only conversations with this wrap-up code.")] string? wrapUpCode,
        [Description("Only conversations with this tag (compared as stored: trimmed, lower-case).")] string? tag,
        HttpContext http,
        QueueReports queries,
        ReportScope scope)
    {
        if (!request.TryGetFilter(out var asked, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var scoped = scope.Queues(http.User.Username(), asked);
        if (scoped.Failure is { } refused)
        {
            return refused.ToProblem(http);
        }

        var filter = scoped.Value!;

        if (outcome is not null && !QueueReports.Outcomes.Contains(outcome))
        {
            errors["outcome"] = [$"'outcome' is one of {string.Join(", ", QueueReports.Outcomes)}."];
            return TypedResults.ValidationProblem(errors);
        }

        if (tag is not null && TagName.Normalize(tag) is null)
        {
            errors["tag"] = [TagName.Error];
            return TypedResults.ValidationProblem(errors);
        }

        filter = filter with { WrapUpCode = string.IsNullOrWhiteSpace(wrapUpCode) ? null : wrapUpCode.Trim(), Tag = TagName.Normalize(tag) };
        // Streamed from the database as the response is written.
        return ReportExport.Rows(queries.ConversationsAsync(filter, outcome, http.RequestAborted), request.FormatFor(http.Request), "conversations");
    }
}
