using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.Agents;
using Parley.Server.Hosting.Errors;

namespace Parley.Server.Privacy;

/// <summary><c>POST /api/v1/admin/erasures</c>: erase a customer's data on request, <c>…/preview</c> first to see what goes (admin).</summary>
internal static class ErasureEndpoints
{
    public static RouteGroupBuilder MapAdminErasures(this RouteGroupBuilder admin)
    {
        admin.MapPost("/erasures", EraseAsync).RequireAuthorization(AgentRoles.AdminPolicy)
            .WithName("EraseCustomer")
            .WithSummary("Erases every conversation of a customer (by e-mail, visitor id or one of their conversations) with its messages, notes, files and mails; the report figures stay (admin).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/erasures/preview", PreviewAsync).RequireAuthorization(AgentRoles.AdminPolicy)
            .WithName("PreviewErasure")
            .WithSummary("Lists the conversations an erasure with the same body would remove, and how many are still open; removes nothing (admin).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return admin;
    }

    private static async Task<Results<Ok<ErasureMatch>, ProblemHttpResult>> PreviewAsync(ErasureRequest body, CustomerErasure erasure, HttpContext http, CancellationToken ct)
    {
        var result = await erasure.FindAsync(http.User.Username(), body, ct);
        return result.Failure is { } failure ? failure.ToProblem(http) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Ok<ErasureResult>, ProblemHttpResult>> EraseAsync(ErasureRequest body, CustomerErasure erasure, HttpContext http, CancellationToken ct)
    {
        var result = await erasure.EraseAsync(http.User.Username(), body, ct);
        return result.Failure is { } failure ? failure.ToProblem(http) : TypedResults.Ok(result.Value!);
    }
}
