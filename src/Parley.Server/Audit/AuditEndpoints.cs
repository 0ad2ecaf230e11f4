using Microsoft.EntityFrameworkCore;
using Parley.Server.Agents;
using Parley.Server.Reporting;
using Parley.Server.Storage;

namespace Parley.Server.Audit;

/// <summary><c>GET /api/v1/admin/audit</c>: the audit log, filtered and paged, or exported (admin).</summary>
internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAdminAudit(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit", ReadAsync).RequireAuthorization(AgentRoles.AdminPolicy)
            .WithName("GetAuditLog")
            .WithSummary("Every admin change and supervisor action (who, what, when, before/after), newest first and paged; or all of them as CSV or XLSX (admin).")
            .Produces<AuditPage>().Produces(StatusCodes.Status200OK, contentType: ReportRequest.CsvType)
            .Produces(StatusCodes.Status200OK, contentType: ReportRequest.XlsxType)
            .ProducesValidationProblem();
        return admin;
    }

    private static async Task<IResult> ReadAsync([AsParameters] AuditRequest request, IDbContextFactory<ParleyDbContext> db, HttpContext http)
    {
        if (!request.TryRead(out var filter, out var page, out var pageSize, out var format, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (format == ReportFormat.Json)
        {
            await using var context = await db.CreateDbContextAsync(http.RequestAborted);
            return TypedResults.Ok(await new AuditQueries(context).PageAsync(filter, page, pageSize, http.RequestAborted));
        }

        return ReportExport.Rows(Export(db, filter, http.RequestAborted), format, "audit");
    }

    // The context lives as long as the export streams.
    private static async IAsyncEnumerable<AuditEntryView> Export(IDbContextFactory<ParleyDbContext> db, AuditFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        await foreach (var entry in new AuditQueries(context).AllAsync(filter, cancellationToken))
        {
            yield return entry;
        }
    }
}
