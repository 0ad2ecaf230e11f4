using System.Net;

namespace Parley.Server.Telemetry;

/// <summary><c>Parley:Telemetry</c>: who may read <c>/metrics</c>, and where traces and metrics are pushed (OTLP).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Parley:Telemetry";

    /// <summary>What <c>/metrics</c> answers when <see cref="MetricsNetworks"/> is not set: this host only.</summary>
    public static readonly IReadOnlyList<string> DefaultMetricsNetworks = ["127.0.0.0/8", "::1/128"];

    /// <summary>
    /// Networks (CIDR, or a single address) whose clients may read <c>/metrics</c>; everyone else gets 404. Unset:
    /// <see cref="DefaultMetricsNetworks"/>. (Not defaulted in the property: the binder would add to the default, not replace it.)
    /// </summary>
    public List<string>? MetricsNetworks { get; set; }

    public OtlpOptions Otlp { get; set; } = new();

    /// <summary>The networks to check against; an entry that does not parse is reported by the validator at start.</summary>
    public IReadOnlyList<IPNetwork> AllowedNetworks() =>
        [.. (MetricsNetworks is { Count: > 0 } configured ? configured : DefaultMetricsNetworks).Select(n => TryParseNetwork(n, out var network) ? network : (IPNetwork?)null).OfType<IPNetwork>()];

    /// <summary>A CIDR network, or one address (a network of just that address).</summary>
    public static bool TryParseNetwork(string? value, out IPNetwork network)
    {
        if (IPNetwork.TryParse(value, out network))
        {
            return true;
        }

        if (IPAddress.TryParse(value, out var address))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }

        return false;
    }
}

/// <summary><c>Parley:Telemetry:Otlp</c>: the OpenTelemetry collector traces, metrics and logs are pushed to.</summary>
public sealed class OtlpOptions
{
    /// <summary>The collector's URL (e.g. <c>http://collector:4317</c>); unset, the standard <c>OTEL_EXPORTER_OTLP_*</c> variables decide, and without them nothing is pushed.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>, for <see cref="Endpoint"/>.</summary>
    public string Protocol { get; set; } = "grpc";

    /// <summary>The endpoint if it is an http(s) URL; null when unset or not one (the validator reports the latter).</summary>
    public Uri? EndpointUri() =>
        Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
}
