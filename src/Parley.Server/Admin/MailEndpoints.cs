using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Parley.Server.Agents;
using Parley.Server.Email;
using Parley.Server.Storage;

namespace Parley.Server.Admin;

/// <summary>
/// The outbox's mail for admins: each mail's status (never its body, never the SMTP password) and "retry now". Admins
/// only: the list holds customers' addresses. A refusal is a <c>CoreException</c>, answered by the one problem map.
/// </summary>
public static class MailEndpoints
{
    internal static IEndpointRouteBuilder MapMailEndpoints(this IEndpointRouteBuilder app)
    {
        var mail = app.MapGroup("/api/v1/admin").WithTags("Admin")
            .RequireAuthorization(AgentRoles.AdminPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        mail.MapGet("/mail", ListMail)
            .WithName("ListMail").WithSummary("The outbox's mail with its status, newest first, paged; filter by status or conversation (admin).");
        mail.MapPost("/mail/{id:long}/retry", RetryMail)
            .WithName("RetryMail").WithSummary("Sends a mail that is not sent yet (a failed one too) at once (admin).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Ok<MailPage>, ValidationProblem>> ListMail(
        MailOutboxAdmin outbox, CancellationToken ct, [FromQuery] string? status = null, [FromQuery] int page = 1, [FromQuery] int pageSize = 50,
        [FromQuery] Guid? conversationId = null)
    {
        var errors = new Dictionary<string, string[]>();
        MailStatus? only = null;
        if (status is not null)
        {
            if (Enum.TryParse<MailStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _))
            {
                only = parsed;
            }
            else
            {
                errors["status"] = ["Use pending, retrying, sent or failed."];
            }
        }

        if (page < 1)
        {
            errors["page"] = ["Pages are counted from 1."];
        }

        if (pageSize is < 1 or > MailOutboxAdmin.MaxPageSize)
        {
            errors["pageSize"] = [$"Between 1 and {MailOutboxAdmin.MaxPageSize}."];
        }

        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors, title: "The mail list was not read.")
            : TypedResults.Ok(await outbox.ListAsync(only, page, pageSize, ct, conversationId));
    }

    private static async Task<Ok<MailView>> RetryMail(long id, MailOutboxAdmin outbox, CancellationToken ct) =>
        TypedResults.Ok(await outbox.RetryAsync(id, ct));
}
