using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Parley.Server.Hosting;

namespace Parley.Server.Telemetry;

public static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>The standard variable that switches the OTLP exporter on without <c>Parley:Telemetry:Otlp:Endpoint</c>.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Traces (the <c>Parley</c> source, ASP.NET Core and EF Core) and metrics (the <c>Parley</c> meter and ASP.NET
    /// Core's), named per role; a Prometheus exporter on the core; OTLP when an endpoint is configured, else nothing is
    /// pushed anywhere.
    /// </summary>
    public static WebApplicationBuilder AddParleyTelemetry(this WebApplicationBuilder builder, ParleyRole role)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(TelemetryOptions.Section);
        services.AddOptions<TelemetryOptions>()
            .Bind(section)
            .Validate(o => o.MetricsNetworks is null || o.MetricsNetworks.All(n => TelemetryOptions.TryParseNetwork(n, out _)),
                $"{TelemetryOptions.Section}:MetricsNetworks: each entry is a network (CIDR, such as 10.0.0.0/8) or one address.")
            .Validate(o => o.Otlp.Endpoint is null || o.Otlp.EndpointUri() is not null,
                $"{TelemetryOptions.Section}:Otlp:Endpoint is an absolute URL, such as http://collector:4317.")
            .Validate(o => o.Otlp.Protocol is "grpc" or "http/protobuf",
                $"{TelemetryOptions.Section}:Otlp:Protocol is grpc or http/protobuf.")
            .ValidateOnStart();
        services.AddSingleton<ParleyMetrics>();
        services.AddSingleton<MetricsAccess>();

        var otlp = section.Get<TelemetryOptions>()?.Otlp ?? new OtlpOptions();
        var exporting = otlp.EndpointUri() is not null || !string.IsNullOrEmpty(builder.Configuration[OtlpEndpointVariable]);

        // The key of Transport's EdgeOptions.Name, read as a key: telemetry sits below the transport, which uses it.
        var edgeName = builder.Configuration["Parley:Edge:Name"] ?? "local";
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                role.Name switch { ParleyRoles.Core => "parley-core", ParleyRoles.Edge => "parley-edge", _ => "parley" },
                serviceInstanceId: role.HasEdge ? edgeName : null,
                autoGenerateServiceInstanceId: !role.HasEdge))
            .WithTracing(tracing => tracing
                // Spans nobody exports cost every request and message their making: none are made then (an
                // unsampled span is never created); with an exporter, every one.
                .SetSampler(exporting ? new AlwaysOnSampler() : new AlwaysOffSampler())
                .AddSource(ParleyTelemetry.Name)
                // A span per hub method call (the customer's Send, the agent's Accept), from SignalR itself.
                .AddSource("Microsoft.AspNetCore.SignalR.Server")
                // Scrapes and load balancers' probes are no one's request worth a trace.
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments(MetricsPath) && !context.Request.Path.StartsWithSegments(Liveness.Path))
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ParleyTelemetry.Name).AddAspNetCoreInstrumentation();
                if (role.HasCore)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        if (otlp.EndpointUri() is { } endpoint)
        {
            telemetry.UseOtlpExporter(otlp.Protocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc, endpoint);
        }
        else if (!string.IsNullOrEmpty(builder.Configuration[OtlpEndpointVariable]))
        {
            // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS and the rest itself.
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// <c>/metrics</c> on the core, answered only to <see cref="TelemetryOptions.MetricsNetworks"/>; anyone else gets the
    /// 404 of a path that is not there. An edge does not map it: 404 like every internal path.
    /// </summary>
    public static WebApplication MapParleyTelemetry(this WebApplication app, ParleyRole role)
    {
        if (role.HasCore)
        {
            var access = app.Services.GetRequiredService<MetricsAccess>();
            app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: scrape => scrape.Use((context, next) =>
            {
                if (access.Allows(context.Connection.RemoteIpAddress))
                {
                    return next(context);
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }), optionsName: null);
        }

        return app;
    }
}
