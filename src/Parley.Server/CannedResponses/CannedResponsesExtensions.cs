namespace Parley.Server.CannedResponses;

public static class CannedResponsesExtensions
{
    /// <summary>Canned responses (core): the service the APIs, the desk and the pages share.</summary>
    public static IHostApplicationBuilder AddParleyCannedResponses(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<CannedResponseService>();
        builder.Services.AddSingleton<CannedResponseSending>();
        builder.Services.AddSingleton<CannedResponseFiles>();
        return builder;
    }

    /// <summary>The agent's and the admin's canned-response APIs.</summary>
    public static IEndpointRouteBuilder MapParleyCannedResponses(this IEndpointRouteBuilder app) =>
        app.MapCannedResponseEndpoints().MapCannedResponseFileEndpoints();
}
