using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Parley.Server.Agents;
using Parley.Server.Audit;
using Parley.Server.Privacy;
using Parley.Server.Contracts;
using Parley.Server.Hosting.Errors;
using Parley.Server.Queues;

namespace Parley.Server.Admin;

/// <summary>The admin REST API (core) and the external agent state that integrations report.</summary>
public static class AdminEndpoints
{
    /// <summary>
    /// Supervisors and admins (cookie or bearer token) or an integration (API key). An agent's roles are the account's
    /// as it is now (<see cref="CurrentAccount"/>), so a deleted or demoted admin's token stops working at once.
    /// </summary>
    public const string ExternalStatePolicy = "external-state";
    private const long MaxBodyBytes = 64 * 1024;

    internal static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithTags("Admin")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .RequireAuthorization(AgentRoles.SupervisorPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        admin.MapGet("/queues", (AdminService service) => TypedResults.Ok(service.ListQueues()))
            .WithName("ListQueues").WithSummary("All queues with their settings (supervisor or admin).");
        admin.MapGet("/queues/{name}", GetQueue)
            .WithName("GetQueueSettings").WithSummary("One queue with its settings (supervisor or admin).").ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPut("/queues/{name}", PutQueue).RequireAuthorization(AgentRoles.AdminPolicy)
            .WithName("PutQueue").WithSummary("Creates a queue or replaces all its settings (admin).");
        admin.MapDelete("/queues/{name}", DeleteQueue).RequireAuthorization(AgentRoles.AdminPolicy)
            .WithName("DeleteQueue").WithSummary("Deletes a queue that no agent, overflow or open conversation uses (admin).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapAdminCalendars();
        admin.MapAdminAnnouncements();
        admin.MapAdminWallboardKeys();
        admin.MapAdminAudit();
        admin.MapAdminErasures();

        admin.MapGet("/agents", (AdminService service) => TypedResults.Ok(service.ListAgents()))
            .WithName("ListAgents").WithSummary("All agents (supervisor or admin); passwords are never returned.");
        admin.MapGet("/agents/{username}", GetAgent)
            .WithName("GetAgent").WithSummary("One agent (supervisor or admin).").ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPut("/agents/{username}", PutAgent).RequireAuthorization(AgentRoles.AdminPolicy)
            .WithName("PutAgent").WithSummary("Creates an agent or replaces their settings; the password is optional on a change (admin).");
        admin.MapDelete("/agents/{username}", DeleteAgent).RequireAuthorization(AgentRoles.AdminPolicy)
            .WithName("DeleteAgent").WithSummary("Deletes an agent without open chats who is not the last admin (admin).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        app.MapPut("/api/v1/agents/{username}/external-state", PutExternalState)
            .WithTags("Integration")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .RequireAuthorization(ExternalStatePolicy)
            .WithName("PutExternalState")
            .WithSummary("Reports an agent busy or free in another system (supervisor, admin, or integration API key in X-Parley-Api-Key).")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static Results<Ok<QueueDefinition>, ProblemHttpResult> GetQueue(string name, HttpContext http, AdminService service) =>
        service.GetQueue(name) is { } queue ? TypedResults.Ok(queue) : new CoreFailure(CoreError.NotFound, $"There is no queue named '{name}'.").ToProblem(http);

    private static async Task<Results<Ok<QueueDefinition>, Created<QueueDefinition>, ValidationProblem, ProblemHttpResult>> PutQueue(
        string name, QueueDefinition body, HttpContext http, AdminService service, CancellationToken ct) =>
        Saved(await service.SaveQueueAsync(http.User.Username(), name, body, ct), http, $"/api/v1/admin/queues/{name}", "The queue was not saved.");

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteQueue(string name, HttpContext http, AdminService service, CancellationToken ct)
    {
        var result = await service.DeleteQueueAsync(http.User.Username(), name, ct);
        return result.Failure is null ? TypedResults.NoContent() : result.Failure.ToProblem(http);
    }

    private static Results<Ok<AgentDefinition>, ProblemHttpResult> GetAgent(string username, HttpContext http, AdminService service) =>
        service.GetAgent(username) is { } agent ? TypedResults.Ok(agent) : new CoreFailure(CoreError.NotFound, $"There is no agent named '{username}'.").ToProblem(http);

    private static async Task<Results<Ok<AgentDefinition>, Created<AgentDefinition>, ValidationProblem, ProblemHttpResult>> PutAgent(
        string username, AgentInput body, HttpContext http, AdminService service, CancellationToken ct) =>
        Saved(await service.SaveAgentAsync(http.User.Username(), username, body, ct), http, $"/api/v1/admin/agents/{username}", "The agent was not saved.");

    /// <summary>A create-or-replace answer: 201 with its location, 200, 400 with field errors, or the problem.</summary>
    internal static Results<Ok<T>, Created<T>, ValidationProblem, ProblemHttpResult> Saved<T>(AdminResult<T> result, HttpContext http, string location, string invalidTitle) =>
        result switch
        {
            { Failure: null, Created: true } => TypedResults.Created(location, result.Value),
            { Failure: null } => TypedResults.Ok(result.Value),
            { Failure: { Errors: not null } invalid } => invalid.ToValidationProblem(invalidTitle),
            { Failure: var refused } => refused.ToProblem(http),
        };

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAgent(string username, HttpContext http, AdminService service, CancellationToken ct)
    {
        var result = await service.DeleteAgentAsync(http.User.Username(), username, ct);
        return result.Failure is null ? TypedResults.NoContent() : result.Failure.ToProblem(http);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> PutExternalState(
        string username, ExternalStateBody body, HttpContext http, AdminService service, CancellationToken ct)
    {
        if (body.Busy is not { } busy)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["busy"] = ["Say true (busy) or false (free)."] }, title: "The state was not set.");
        }

        return (await service.SetExternalStateAsync(username, body.Source, busy, ct)).Failure switch
        {
            null => TypedResults.NoContent(),
            { Errors: not null } invalid => invalid.ToValidationProblem("The state was not set."),
            var refused => refused.ToProblem(http),
        };
    }
}
