using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Parley.Server.Hosting;

namespace Parley.Server.Files;

public static class FilesExtensions
{
    /// <summary>The file engine on the core: storage, scanner, previews, links, the sweep of orphaned files.</summary>
    public static IHostApplicationBuilder AddParleyFiles(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptionsSection<FileEngineOptions>(FileEngineOptions.Section);
        builder.Services.AddSingleton<IFileStore, DirectoryFileStore>();
        builder.Services.AddSingleton<IFileScanner, AcceptingFileScanner>();
        builder.Services.AddSingleton<ImagePreviews>();
        builder.Services.AddSingleton<AttachmentLinks>();
        builder.Services.AddSingleton<FileIntake>();
        builder.Services.AddSingleton<FileDownloads>();
        builder.Services.AddSingleton<OrphanedFileSweep>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OrphanedFileSweep>());
        return builder;
    }

    /// <summary>
    /// The request size limit of an upload endpoint: the file limit and the form's framing, counted by the server as the
    /// body arrives (it replaces the group's small limit for JSON bodies).
    /// </summary>
    public static RouteHandlerBuilder WithUploadLimit(this RouteHandlerBuilder endpoint, IEndpointRouteBuilder app)
    {
        var maxBytes = app.ServiceProvider.GetRequiredService<IOptions<FileEngineOptions>>().Value.MaxBytes;
        return endpoint.WithMetadata(new RequestSizeLimitAttribute(maxBytes + MultipartUpload.Overhead)).DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }
}
