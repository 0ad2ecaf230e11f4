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
        // Cookie or bearer: a GET that only answers a redirect to what this agent may read anyway.
        api.MapGet("/conversations/{id:guid}/attachments/{attachmentId:guid}", (Guid id, Guid attachmentId, HttpContext http, AgentAttachments attachments, CancellationToken ct) =>
                FreshLinkAsync(id, attachmentId, FileVariant.Original, http, attachments, ct)).WithName("AgentOpenAttachment")
            .WithSummary("Redirects to a freshly minted download link of a file in a conversation the agent may read (the desk's lasting address).")
            .RequireAuthorization(AgentRoles.AgentPolicy).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/conversations/{id:guid}/attachments/{attachmentId:guid}/preview", (Guid id, Guid attachmentId, HttpContext http, AgentAttachments attachments, CancellationToken ct) =>
                FreshLinkAsync(id, attachmentId, FileVariant.Preview, http, attachments, ct)).WithName("AgentOpenAttachmentPreview")
            .WithSummary("Redirects to a freshly minted link of an image's preview in a conversation the agent may read.")
            .RequireAuthorization(AgentRoles.AgentPolicy).ProducesProblem(StatusCodes.Status404NotFound);
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

    /// <summary>A refusal (not theirs, not in this conversation) is a <see cref="CoreException"/>, answered by the one error map.</summary>
    private static async Task<RedirectHttpResult> FreshLinkAsync(
        Guid id, Guid attachmentId, FileVariant variant, HttpContext http, AgentAttachments attachments, CancellationToken ct)
    {
        var link = await attachments.FreshLinkAsync(http.User.Username(), id, attachmentId, variant, ct);
        // The link inside expires: the redirect itself must never be reused from a cache.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Redirect(link);
    }

    private static async Task<IResult> GetFile(string token, HttpContext http, AgentAttachments attachments, CancellationToken ct) =>
        await attachments.ReadAsync(token, ct) is { } file
            ? FileResponses.Serve(http, file)
            : new CoreFailure(CoreError.NotFound, "This link is not valid (any more).").ToProblem(http);
}
