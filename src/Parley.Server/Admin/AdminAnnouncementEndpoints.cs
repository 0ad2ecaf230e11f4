using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.Agents;
using Parley.Server.Contracts;
using Parley.Server.Hosting.Errors;

namespace Parley.Server.Admin;

/// <summary>The queues' scheduled announcements under <c>/api/v1/admin/announcements</c>, with the conventions of the queues' endpoints.</summary>
internal static class AdminAnnouncementEndpoints
{
    public static RouteGroupBuilder MapAdminAnnouncements(this RouteGroupBuilder admin)
    {
        admin.MapGet("/announcements", ListAnnouncements)
            .WithName("ListAnnouncements").WithSummary("Every queue's announcements, or one queue's (?queue=), in start order with their state (supervisor or admin).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/announcements/{id:guid}", GetAnnouncement)
            .WithName("GetAnnouncement").WithSummary("One announcement (supervisor or admin).").ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/announcements", PostAnnouncement).RequireAuthorization(AgentRoles.AdminPolicy)
            .WithName("PostAnnouncement").WithSummary("Schedules an announcement for a queue's customers (admin).");
        admin.MapPut("/announcements/{id:guid}", PutAnnouncement).RequireAuthorization(AgentRoles.AdminPolicy)
            .WithName("PutAnnouncement").WithSummary("Replaces an announcement's queue, text and times (admin).").ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapDelete("/announcements/{id:guid}", DeleteAnnouncement).RequireAuthorization(AgentRoles.AdminPolicy)
            .WithName("DeleteAnnouncement").WithSummary("Deletes an announcement (admin).").ProducesProblem(StatusCodes.Status404NotFound);
        return admin;
    }

    private static Results<Ok<IReadOnlyList<AnnouncementDefinition>>, ProblemHttpResult> ListAnnouncements(HttpContext http, AnnouncementService service, string? queue = null) =>
        queue is null || service.QueueExists(queue)
            ? TypedResults.Ok(service.List(queue))
            : new CoreFailure(CoreError.NotFound, $"There is no queue named '{queue}'.").ToProblem(http);

    private static Results<Ok<AnnouncementDefinition>, ProblemHttpResult> GetAnnouncement(Guid id, HttpContext http, AnnouncementService service) =>
        service.Get(id) is { } announcement ? TypedResults.Ok(announcement) : new CoreFailure(CoreError.NotFound, $"There is no announcement {id}.").ToProblem(http);

    private static async Task<Results<Ok<AnnouncementDefinition>, Created<AnnouncementDefinition>, ValidationProblem, ProblemHttpResult>> PostAnnouncement(
        AnnouncementInput body, HttpContext http, AnnouncementService service, CancellationToken ct)
    {
        var result = await service.CreateAsync(http.User.Username(), body, ct);
        return AdminEndpoints.Saved(result, http, $"/api/v1/admin/announcements/{result.Value?.Id}", "The announcement was not saved.");
    }

    private static async Task<Results<Ok<AnnouncementDefinition>, Created<AnnouncementDefinition>, ValidationProblem, ProblemHttpResult>> PutAnnouncement(
        Guid id, AnnouncementInput body, HttpContext http, AnnouncementService service, CancellationToken ct) =>
        AdminEndpoints.Saved(await service.ReplaceAsync(http.User.Username(), id, body, ct), http, $"/api/v1/admin/announcements/{id}", "The announcement was not saved.");

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAnnouncement(Guid id, HttpContext http, AnnouncementService service, CancellationToken ct)
    {
        var result = await service.DeleteAsync(http.User.Username(), id, ct);
        return result.Failure is null ? TypedResults.NoContent() : result.Failure.ToProblem(http);
    }
}
