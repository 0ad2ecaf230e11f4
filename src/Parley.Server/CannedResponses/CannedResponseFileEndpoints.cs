using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Parley.Server.Agents;
using Parley.Server.Files;
using Parley.Server.Hosting.Errors;

namespace Parley.Server.CannedResponses;

/// <summary>
/// The upload of a file for canned responses (core): <c>POST /api/v1/agent/canned-responses/files</c>, multipart field
/// <c>file</c>, answered with the <c>attachmentId</c> a response then names. The pages upload through their circuit.
/// </summary>
public static class CannedResponseFileEndpoints
{
    internal static IEndpointRouteBuilder MapCannedResponseFileEndpoints(this IEndpointRouteBuilder app)
    {
        // Bearer only, like the agent's attachments: a form post authenticated by the desk's cookie would be open to
        // cross-site requests.
        app.MapGroup("/api/v1/agent/canned-responses").WithTags("Agent")
            .MapPost("/files", UploadAsync).WithName("PostCannedResponseFile").WithUploadLimit(app)
            .WithSummary("Uploads a file (multipart/form-data, field 'file') for canned responses; a response attaches it by the attachmentId answered.")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(AgentAuthentication.BearerScheme).RequireRole(AgentRoles.All))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    /// <summary>Refusals by the intake (413, 415, the scanner's 400) are <c>CoreException</c>s, answered by the one error map.</summary>
    private static async Task<Results<Created<CannedResponseFile>, ProblemHttpResult>> UploadAsync(
        HttpContext http, CannedResponseFiles files, IOptions<FileEngineOptions> options, CancellationToken ct)
    {
        var (upload, failure) = await MultipartUpload.ReadAsync(http.Request, options.Value.MaxBytes, ct);
        if (failure is not null)
        {
            return failure.ToProblem(http);
        }

        return TypedResults.Created((string?)null, await files.UploadAsync(http.User.Username(), upload!.FileName, upload.Content, ct));
    }
}
