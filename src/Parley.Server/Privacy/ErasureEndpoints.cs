using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.Agents;
using Parley.Server.Hosting.Errors;

namespace Parley.Server.Privacy;

/// <summary><c>POST /api/v1/admin/erasures</c>: erase a customer's data on request (admin).</summary>
internal static class ErasureEndpoints
{
    public static RouteGroupBuilder MapAdminErasures(this RouteGroupBuilder admin)
    {
        admin.MapPost("/erasures", EraseAsync).RequireAuthorization(AgentRoles.AdminPolicy)
            .WithName("EraseCustomer")
            .WithSummary("Erases every conversation of a customer (by e-mail, visitor id or one of their conversations) with its messages, notes, files and mails; the report figures stay (admin).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return admin;
    }

    private static async Task<Results<Ok<ErasureResult>, ProblemHttpResult>> EraseAsync(ErasureRequest body, CustomerErasure erasure, HttpContext http, CancellationToken ct)
    {
        var result = await erasure.EraseAsync(http.User.Username(), body, ct);
        return result.Failure is { } failure ? failure.ToProblem(http) : TypedResults.Ok(result.Value!);
    }
}
