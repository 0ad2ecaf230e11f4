using System.Net;
using Microsoft.Extensions.Options;

namespace Parley.Server.Telemetry;

/// <summary>
/// Who may read <c>/metrics</c>: clients in <see cref="TelemetryOptions.MetricsNetworks"/>. The address checked is the
/// request's remote address after the forwarded headers, that is the client as the trusted proxies saw it: a reverse
/// proxy on this host (loopback, trusted by default) would otherwise make every client of the internet look local.
/// </summary>
public sealed class MetricsAccess(IOptions<TelemetryOptions> options)
{
    private readonly IReadOnlyList<IPNetwork> _networks = options.Value.AllowedNetworks();

    public bool Allows(IPAddress? address)
    {
        if (address is null)
        {
            return false; // not a network connection (an in-memory test server): nobody to check, so nobody
        }

        // A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d; the configured networks say a.b.c.d.
        var client = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var network in _networks)
        {
            if (network.Contains(client))
            {
                return true;
            }
        }

        return false;
    }
}
