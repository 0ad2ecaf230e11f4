using Microsoft.Extensions.Options;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Telemetry;

/// <summary>The OTLP exporter: on when an endpoint is configured, naming the process after its role.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task With_an_otlp_endpoint_the_spans_of_a_request_reach_the_collector_under_the_roles_service_name()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var server = new ParleyServer(settings: new Dictionary<string, string?>
        {
            ["Parley:Telemetry:Otlp:Endpoint"] = collector.Endpoint.ToString(),
            ["Parley:Telemetry:Otlp:Protocol"] = "http/protobuf",
        });

        await server.StartConversationAsync();

        // Traces are sent in batches every few seconds.
        await Eventually.ThatAsync(() => collector.Received("/v1/traces", "parley.core.handle StartConversation", "service.name", "parley"),
            received => received, "the start's spans at the collector", TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("Parley:Telemetry:MetricsNetworks:0", "the office", "Parley:Telemetry:MetricsNetworks")]
    [InlineData("Parley:Telemetry:Otlp:Endpoint", "collector:4317", "Parley:Telemetry:Otlp:Endpoint")]
    [InlineData("Parley:Telemetry:Otlp:Protocol", "udp", "Parley:Telemetry:Otlp:Protocol")]
    public void A_telemetry_setting_that_makes_no_sense_stops_the_start_and_says_which(string key, string value, string message)
    {
        var e = Assert.ThrowsAny<OptionsValidationException>(() => new ParleyServer(settings: new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
