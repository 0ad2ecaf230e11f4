using System.Reflection;
using OpenTelemetry.Trace;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Telemetry;

/// <summary>Spans cost every request and message their making: they are made only when something exports them.</summary>
public sealed class SamplingTests
{
    [Fact]
    public async Task Without_an_exporter_the_server_samples_no_span()
    {
        await using var server = new ParleyServer();

        Assert.IsType<AlwaysOffSampler>(SamplerOf(server));
    }

    [Fact]
    public async Task With_an_otlp_endpoint_the_server_samples_every_span()
    {
        await using var server = new ParleyServer(settings: new Dictionary<string, string?> { ["Parley:Telemetry:Otlp:Endpoint"] = "http://127.0.0.1:1" });

        Assert.IsType<AlwaysOnSampler>(SamplerOf(server));
    }

    /// <summary>The SDK keeps its sampler to itself; the test reads it rather than racing other servers' listeners in this process.</summary>
    private static Sampler SamplerOf(ParleyServer server)
    {
        var provider = server.Services.GetRequiredService<TracerProvider>();
        const BindingFlags Any = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var type = provider.GetType();
        return type.GetFields(Any).Where(f => typeof(Sampler).IsAssignableFrom(f.FieldType)).Select(f => f.GetValue(provider))
            .Concat(type.GetProperties(Any).Where(p => typeof(Sampler).IsAssignableFrom(p.PropertyType)).Select(p => p.GetValue(provider)))
            .OfType<Sampler>().First();
    }
}
