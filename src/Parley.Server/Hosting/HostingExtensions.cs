using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Parley.Server.Agents;
using Parley.Server.Conversations;
using Parley.Server.Queues;
using Parley.Server.Transport;

namespace Parley.Server.Hosting;

public static class HostingExtensions
{
    public const string WidgetCorsPolicy = "widget";

    /// <summary>Options, JSON, problem details, OpenAPI, SignalR, data protection and start-up work.</summary>
    public static IHostApplicationBuilder AddParleyHosting(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ParleyOptions>()
            .Bind(builder.Configuration.GetSection(ParleyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ParleyOptions>, ParleyOptionsValidator>();
        services.AddSingleton(TimeProvider.System);

        var dataDirectory = DataDirectory.Resolve(builder.Configuration.GetSection(ParleyOptions.Section).Get<ParleyOptions>() ?? new ParleyOptions());
        services.AddDataProtection()
            .SetApplicationName("parley")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));

        services.Configure<JsonOptions>(o => Configure(o.SerializerOptions));
        services.AddProblemDetails();
        // The widget runs on other sites: the customer API accepts any origin, without cookies.
        services.AddCors(o => o.AddPolicy(WidgetCorsPolicy, p => p.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod()));
        services.AddOpenApi();
        services.AddSignalR(o => o.MaximumReceiveMessageSize = 32 * 1024)
            .AddJsonProtocol(o => Configure(o.PayloadSerializerOptions))
            .AddHubOptions<AgentHub>(o => o.AddFilter<CoreErrorHubFilter>());

        // Order matters: the database and routing are ready before the banner says so.
        services.AddSingleton<StartupReport>();
        services.AddHostedService<StartupInitializer>();
        services.AddHostedService<StartupBanner>();
        return builder;
    }

    /// <summary>The core: conversations, queues and the handler of edge requests.</summary>
    public static IHostApplicationBuilder AddParleyCore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<QueueCatalog>();
        builder.Services.AddSingleton<ConversationLocks>();
        builder.Services.AddSingleton<ConversationService>();
        builder.Services.AddSingleton<ICoreRequestHandler, CoreRequestHandler>();
        return builder;
    }

    public static WebApplication UseParleyHosting(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // The widget is embedded by other sites: let them load it, and let browsers revalidate it.
            OnPrepareResponse = ctx =>
            {
                if (ctx.File.Name.StartsWith("widget.js", StringComparison.Ordinal))
                {
                    ctx.Context.Response.Headers.AccessControlAllowOrigin = "*";
                    ctx.Context.Response.Headers.CacheControl = "no-cache";
                }
            },
        });
        app.UseRouting();
        app.UseCors();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapParleyHosting(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthChecks("/healthz");
        return app;
    }

    private static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }
}
