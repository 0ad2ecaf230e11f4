using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Parley.Server.Contracts;
using Parley.Server.Files;
using Parley.Server.Hosting.Errors;

namespace Parley.Server.Agents;

/// <summary>The agent's attachment endpoints (core): upload into their chat, download by an agent's link.</summary>
internal static class AgentAttachmentEndpoints
{
    public static void MapAgentAttachments(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/agent").WithTags("Agent");
        // Bearer only: a form post authenticated by the desk's cookie would be open to cross-site requests (the desk
        // itself uploads through its circuit).
        api.MapPost("/conversations/{id:guid}/attachments", PostAttachment).WithName("AgentPostAttachment").WithUploadLimit(app)
            .WithSummary("Sends a file (multipart/form-data, field 'file'; optional field 'clientMessageId') as the agent's message in their chat.")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(AgentAuthentication.BearerScheme).RequireRole(AgentRoles.All))
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(AttachmentLinks.AgentPath["/api/v1/agent".Length..] + "{token}", GetFile).WithName("AgentGetFile")
            .WithSummary("Downloads an attachment by the signed, expiring link a message carries for agents.")
            .RequireAuthorization(AgentRoles.AgentPolicy).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<AttachmentAccepted>, ProblemHttpResult>> PostAttachment(
        Guid id, HttpContext http, AgentAttachments attachments, IOptions<FileEngineOptions> files, CancellationToken ct)
    {
        var (upload, failure) = await MultipartUpload.ReadAsync(http.Request, files.Value.MaxBytes, ct);
        if (failure is not null)
        {
            return failure.ToProblem(http);
        }

        var accepted = await attachments.SendAsync(http.User.Username(), id, upload!.ClientMessageId, upload.FileName, upload.Content, ct);
        return TypedResults.Created($"/api/v1/agent/conversations/{id}/messages?after={accepted.Seq - 1}", accepted);
    }

    private static async Task<IResult> GetFile(string token, HttpContext http, AgentAttachments attachments, CancellationToken ct) =>
        await attachments.ReadAsync(token, ct) is { } file
            ? FileResponses.Serve(http, file)
            : new CoreFailure(CoreError.NotFound, "This link is not valid (any more).").ToProblem(http);
}
