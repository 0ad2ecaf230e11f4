using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Parley.Server.Agents;
using Parley.Server.Calendars;
using Parley.Server.Contracts;
using Parley.Server.Hosting.Errors;

namespace Parley.Server.Admin;

/// <summary>Business calendars under <c>/api/v1/admin/calendars</c>, with the conventions of the queues' endpoints.</summary>
internal static class AdminCalendarEndpoints
{
    public const string CalendarMediaType = "text/calendar";

    public static RouteGroupBuilder MapAdminCalendars(this RouteGroupBuilder admin)
    {
        admin.MapGet("/calendars", (AdminService service) => TypedResults.Ok(service.ListCalendars()))
            .WithName("ListCalendars").WithSummary("All business calendars (supervisor or admin).");
        admin.MapGet("/calendars/{name}", GetCalendar)
            .WithName("GetCalendar").WithSummary("One business calendar (supervisor or admin).").ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPut("/calendars/{name}", PutCalendar).RequireAuthorization(AgentRoles.AdminPolicy)
            .WithName("PutCalendar").WithSummary("Creates a business calendar or replaces it (admin).");
        admin.MapPost("/calendars/{name}", PutCalendar).RequireAuthorization(AgentRoles.AdminPolicy)
            .WithName("PostCalendar").WithSummary("The same as PUT, for clients that cannot send PUT (admin).");
        admin.MapDelete("/calendars/{name}", DeleteCalendar).RequireAuthorization(AgentRoles.AdminPolicy)
            .WithName("DeleteCalendar").WithSummary("Deletes a business calendar that no queue uses (admin).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/calendars/{name}/import", ImportCalendar).RequireAuthorization(AgentRoles.AdminPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(CalendarImport.MaxBytes))
            .Accepts<string>(CalendarMediaType)
            .WithName("ImportCalendar").WithSummary("Merges the holidays and closures of an iCalendar (.ics) file into a calendar (admin).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return admin;
    }

    private static Results<Ok<CalendarDefinition>, ProblemHttpResult> GetCalendar(string name, HttpContext http, AdminService service) =>
        service.GetCalendar(name) is { } calendar ? TypedResults.Ok(calendar) : new CoreFailure(CoreError.NotFound, $"There is no calendar named '{name}'.").ToProblem(http);

    private static async Task<Results<Ok<CalendarDefinition>, Created<CalendarDefinition>, ValidationProblem, ProblemHttpResult>> PutCalendar(
        string name, CalendarDefinition body, HttpContext http, AdminService service, CancellationToken ct) =>
        AdminEndpoints.Saved(await service.SaveCalendarAsync(http.User.Username(), name, body, ct), http, $"/api/v1/admin/calendars/{name}", "The calendar was not saved.");

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteCalendar(string name, HttpContext http, AdminService service, CancellationToken ct)
    {
        var result = await service.DeleteCalendarAsync(http.User.Username(), name, ct);
        return result.Failure is null ? TypedResults.NoContent() : result.Failure.ToProblem(http);
    }

    private static async Task<Results<Ok<CalendarDefinition>, Created<CalendarDefinition>, ValidationProblem, ProblemHttpResult>> ImportCalendar(
        string name, HttpContext http, AdminService service, TimeProvider clock, CancellationToken ct)
    {
        // Routing answers 415 to any other content type (the endpoint's Accepts metadata); the charset may vary.
        var encoding = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) ? type.Encoding : null;
        using var reader = new StreamReader(http.Request.Body, encoding ?? Encoding.UTF8);
        string ics;
        try
        {
            ics = await reader.ReadToEndAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // What the framework's own body readers answer (the JSON endpoints get it for free).
            return TypedResults.Problem(statusCode: e.StatusCode, title: "Payload too large", detail: $"An .ics file is at most {CalendarImport.MaxBytes / 1024} KB.");
        }
        return AdminEndpoints.Saved(await service.ImportCalendarAsync(http.User.Username(), name, ics, clock.GetUtcNow(), ct), http, $"/api/v1/admin/calendars/{name}", "The calendar was not imported.");
    }
}
