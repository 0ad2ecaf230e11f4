using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Parley.Server.Agents;
using Parley.Server.Contracts;
using Parley.Server.Hosting.Errors;
using Parley.Server.Storage;

namespace Parley.Server.CannedResponses;

/// <summary>
/// Canned responses (core): <c>/api/v1/agent/canned-responses</c> for what an agent uses and writes (their own by
/// default, a queue's with <c>scope=queue</c>), <c>/api/v1/admin/canned-responses</c> for the global ones and the queues'
/// (global by default). Both write through <see cref="CannedResponseService"/>'s one set of rights.
/// </summary>
public static class CannedResponseEndpoints
{
    private const long MaxBodyBytes = 64 * 1024;

    internal static IEndpointRouteBuilder MapCannedResponseEndpoints(this IEndpointRouteBuilder app)
    {
        var agent = app.MapGroup("/api/v1/agent/canned-responses").WithTags("Agent")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .RequireAuthorization(AgentRoles.AgentPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        agent.MapGet("/", ListUsable).WithName("ListCannedResponses")
            .WithSummary("The canned responses this agent may use: their own, those of the queues they serve and the global ones, each with its scope.");
        agent.MapPost("/", (CannedResponseInput body, HttpContext http, CannedResponseService service, CancellationToken ct) => Create(body, http, service, CannedResponseRecord.Personal, "agent", ct))
            .WithName("PostCannedResponse").WithSummary("Adds one of the agent's own responses, or a queue's (scope=queue, queue: a supervisor of it or an admin).");
        MapChanges(agent, "CannedResponse", "agent");

        var admin = app.MapGroup("/api/v1/admin/canned-responses").WithTags("Admin")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .RequireAuthorization(AgentRoles.SupervisorPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapGet("/", ListManaged).WithName("ListManagedCannedResponses")
            .WithSummary("The global responses and the queues' this account may write (an admin: every queue's; a supervisor: the queues they serve).");
        admin.MapPost("/", (CannedResponseInput body, HttpContext http, CannedResponseService service, CancellationToken ct) => Create(body, http, service, CannedResponseRecord.Global, "admin", ct))
            .WithName("PostManagedCannedResponse").WithSummary("Adds a global response (admin), or a queue's (scope=queue, queue: a supervisor of it or an admin).");
        MapChanges(admin, "ManagedCannedResponse", "admin");
        return app;
    }

    private static void MapChanges(RouteGroupBuilder group, string name, string path)
    {
        group.MapPut("/{id:guid}", (Guid id, CannedResponseInput body, HttpContext http, CannedResponseService service, CancellationToken ct) => Replace(id, body, http, service, path, ct))
            .WithName("Put" + name).WithSummary("Replaces a response's shortcut, title, text and attachment (its scope and queue stay).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", Delete).WithName("Delete" + name).WithSummary("Deletes a response.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<IReadOnlyList<CannedResponse>>> ListUsable(HttpContext http, CannedResponseService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ListUsableAsync(http.User.Username(), ct));

    private static async Task<Ok<IReadOnlyList<CannedResponse>>> ListManaged(HttpContext http, CannedResponseService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ListManagedAsync(http.User.Username(), ct));

    private static async Task<Results<Created<CannedResponse>, Ok<CannedResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CannedResponseInput body, HttpContext http, CannedResponseService service, string defaultScope, string path, CancellationToken ct)
    {
        var result = await service.CreateAsync(http.User.Username(), body, defaultScope, ct);
        return Answer(result, http, created: $"/api/v1/{path}/canned-responses/{result.Value?.Id}");
    }

    private static async Task<Results<Created<CannedResponse>, Ok<CannedResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        Guid id, CannedResponseInput body, HttpContext http, CannedResponseService service, string path, CancellationToken ct) =>
        Answer(await service.ReplaceAsync(http.User.Username(), id, body, ct), http, created: null);

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, HttpContext http, CannedResponseService service, CancellationToken ct) =>
        await service.DeleteAsync(http.User.Username(), id, ct) is { } refused ? refused.ToProblem(http) : TypedResults.NoContent();

    private static Results<Created<CannedResponse>, Ok<CannedResponse>, ValidationProblem, ProblemHttpResult> Answer(
        CoreResult<CannedResponse> result, HttpContext http, string? created) => result.Failure switch
        {
            null when created is not null => TypedResults.Created(created, result.Value),
            null => TypedResults.Ok(result.Value),
            { Errors: not null } invalid => invalid.ToValidationProblem("The canned response was not saved."),
            var refused => refused.ToProblem(http),
        };
}
