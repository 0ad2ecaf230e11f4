using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Parley.Server.Contracts;
using Parley.Server.Files;
using Parley.Server.Hosting.Errors;
using Parley.Server.Transport;

namespace Parley.Server.Customers;

/// <summary>
/// Attachments on the edge: the customer's upload (read into memory within the limit, passed to the core as bytes) and
/// the customer's downloads (a signed link the edge serves by asking the core). The edge keeps no file at rest.
/// </summary>
internal static class CustomerAttachmentEndpoints
{
    public const string DownloadLimit = "customer-download";

    public static void MapAttachments(this RouteGroupBuilder conversation, IEndpointRouteBuilder app)
    {
        conversation.MapPost("/attachments", PostAttachment).WithName("PostAttachment").WithUploadLimit(app)
            .WithSummary("Sends a file (multipart/form-data, field 'file'; optional field 'clientMessageId') as the customer's message.");
        app.MapGet(AttachmentLinks.CustomerPath + "{token}", GetFile).WithName("GetFile").WithTags("Customer")
            .WithSummary("Downloads an attachment by the signed, expiring link a message carries.")
            .RequireRateLimiting(DownloadLimit).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<Results<Created<AttachmentAccepted>, ProblemHttpResult>> PostAttachment(
        Guid id, HttpContext http, ICoreClient core, IOptions<FileEngineOptions> files, CancellationToken ct)
    {
        var (upload, failure) = await MultipartUpload.ReadAsync(http.Request, files.Value.MaxBytes, ct);
        if (failure is not null)
        {
            return failure.ToProblem(http);
        }

        var result = await core.RequestAsync(new PostCustomerAttachment(id, upload!.ClientMessageId ?? Guid.NewGuid().ToString("N"), upload.FileName, upload.Content), ct);
        return result.Failure is null
            ? TypedResults.Created($"/api/v1/conversations/{id}/messages?after={result.Value!.Seq - 1}", result.Value)
            : result.Failure.ToProblem(http);
    }

    private static async Task<IResult> GetFile(string token, HttpContext http, ICoreClient core, CancellationToken ct)
    {
        var result = await core.RequestAsync(new GetFile(token), ct);
        return result.Failure is null ? FileResponses.Serve(http, result.Value!) : result.Failure.ToProblem(http);
    }
}
