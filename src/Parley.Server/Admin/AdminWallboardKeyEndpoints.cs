using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.Agents;
using Parley.Server.Hosting.Errors;

namespace Parley.Server.Admin;

/// <summary>The read-only wallboard links' keys under <c>/api/v1/admin/wallboard-keys</c> (admin).</summary>
internal static class AdminWallboardKeyEndpoints
{
    public static RouteGroupBuilder MapAdminWallboardKeys(this RouteGroupBuilder admin)
    {
        var keys = admin.MapGroup("/wallboard-keys").RequireAuthorization(AgentRoles.AdminPolicy);
        keys.MapGet("", ListKeys)
            .WithName("ListWallboardKeys").WithSummary("Every wallboard key, revoked ones too, without secrets (admin).");
        keys.MapPost("", PostKey)
            .WithName("PostWallboardKey").WithSummary("Makes a read-only wallboard link's key; the answer is the only one that shows its secret and link (admin).");
        keys.MapDelete("/{id:guid}", RevokeKey)
            .WithName("RevokeWallboardKey").WithSummary("Revokes a wallboard key: wallboards open with it close within seconds (admin).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return admin;
    }

    private static async Task<Ok<IReadOnlyList<WallboardKeyDefinition>>> ListKeys(WallboardKeyService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(ct));

    private static async Task<Results<Ok<WallboardKeyCreated>, Created<WallboardKeyCreated>, ValidationProblem, ProblemHttpResult>> PostKey(
        WallboardKeyInput body, HttpContext http, WallboardKeyService service, CancellationToken ct)
    {
        var result = await service.CreateAsync(http.User.Username(), body, ct);
        return AdminEndpoints.Saved(result, http, $"/api/v1/admin/wallboard-keys/{result.Value?.Id}", "The wallboard key was not made.");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(Guid id, HttpContext http, WallboardKeyService service, CancellationToken ct)
    {
        var result = await service.RevokeAsync(http.User.Username(), id, ct);
        return result.Failure is null ? TypedResults.NoContent() : result.Failure.ToProblem(http);
    }
}
