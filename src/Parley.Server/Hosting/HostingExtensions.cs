using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Parley.Server.Hosting;

public static class HostingExtensions
{
    public const string WidgetCorsPolicy = "widget";

    /// <summary>Options, JSON, problem details, OpenAPI, SignalR, data protection and start-up work.</summary>
    public static WebApplicationBuilder AddParleyHosting(this WebApplicationBuilder builder, ParleyRole role)
    {
        // Serves framework assets (_framework/blazor.web.js) from a build as well as from a publish, in any environment.
        builder.WebHost.UseStaticWebAssets();
        // A build serves its precompressed assets as a publish does. The platform's default for a build re-reads wwwroot
        // on each request (and, with a file's sub-second time, always finds it changed: no compression) and serves any
        // file found there, which an edge must not.
        builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
        var services = builder.Services;
        services.AddOptions<ParleyOptions>()
            .Bind(builder.Configuration.GetSection(ParleyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ParleyOptions>, ParleyOptionsValidator>();
        services.AddOptionsSection<SecurityHeadersOptions>(SecurityHeadersOptions.Section);
        // Kestrel refuses new connections before the process runs out of descriptors.
        services.AddOptionsSection<ConnectionLimitsOptions>(ConnectionLimitsOptions.Section);
        services.AddTransient<IConfigureOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>, KestrelConnectionLimits>();
        builder.Logging.AddFilter(KestrelConnectionLimits.RejectionCategory, LogLevel.Error);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(role);
        // First of all hosted services: a data directory others can read is tightened before anything opens it.
        services.AddHostedService<PrivateDataDirectory>();

        // Cookie and bearer-token keys live in the data directory, so sign-ins survive a restart.
        services.AddDataProtection().SetApplicationName("parley");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<ParleyOptions>, ILoggerFactory>((keys, parley, loggers) =>
            keys.XmlRepository = new DataProtectionKeys(new DirectoryInfo(DataDirectory.Subdirectory(parley.Value, "keys")), loggers));
        builder.Logging.AddFilter(DataProtectionKeys.KeyManagerCategory, LogLevel.Error);

        services.Configure<JsonOptions>(o => Configure(o.SerializerOptions));
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ParleyOptions>>((forwarded, parley) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in parley.Value.TrustedProxies)
            {
                if (System.Net.IPNetwork.TryParse(proxy, out var network))
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
                else if (System.Net.IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<Errors.CoreExceptionHandler>();
        services.AddRateLimiter(RateLimitRejection.Configure);
        // UseAntiforgery runs in every role; the desktop's forms need it, an edge just has nothing to protect.
        services.AddAntiforgery();
        // A malformed request body is the client's error (400), in every environment.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        // The widget runs on other sites: the customer API accepts any origin, without cookies.
        // The widget reads Retry-After of a 503 to know when to start again; a cross-site fetch sees it only when exposed.
        services.AddCors(o => o.AddPolicy(WidgetCorsPolicy, p => p.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Retry-After")));
        services.AddOpenApi();
        services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = 32 * 1024;
                o.AddFilter<HubErrorFilter>();
            })
            .AddJsonProtocol(o => Configure(o.PayloadSerializerOptions));
        // HubErrorFilter logs each failed hub call at its level; SignalR's own log of it is an Error for every refusal.
        builder.Logging.AddFilter(HubErrorFilter.DispatcherCategory, LogLevel.Critical);
        builder.Logging.AddFilter(HubErrorFilter.ConnectionHandlerCategory, LogLevel.Critical);

        services.AddHealthChecks();
        return builder;
    }

    public static WebApplication UseParleyHosting(this WebApplication app)
    {
        // Every options section is checked before building the pipeline reads one (data protection reads the data
        // directory), so a start-up with several bad sections lists all their failures, not the first section's.
        app.Services.GetService<IStartupValidator>()?.Validate();
        // First: behind the reverse proxy, the customer's address and scheme come from the proxy's headers.
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RelativeRedirects>();
        app.UseMiddleware<AllowedOrigins>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<JsonCharsetCheck>();
        // "/" is the demo page; the files themselves are static asset endpoints (MapParleyHosting).
        app.UseDefaultFiles();
        app.UseRouting();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: limits can be keyed on who the caller is (a customer's validated conversation).
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapParleyHosting(this WebApplication app, ParleyRole role)
    {
        // Static files are precompressed at build (brotli, gzip) and revalidated by ETag, so /widget.js keeps its URL.
        if (role.HasCore)
        {
            // Framework assets such as _framework/blazor.web.js, the desk's files, and the API description: internal.
            app.MapStaticAssets();
            app.MapOpenApi("/openapi/{documentName}.json");
        }
        else
        {
            app.MapCustomerStaticAssets();
        }

        // Liveness for load balancers, in every role: runs no check, so it says "Healthy" and reveals nothing.
        app.MapHealthChecks(Liveness.Path, Liveness.Options);
        if (role.HasCore)
        {
            // The health report (database, edges) is the core's; an edge answers 404 there like every internal path.
            app.MapHealthChecks("/healthz");
        }

        return app;
    }

    private static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }
}
