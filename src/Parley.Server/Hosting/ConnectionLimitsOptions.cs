using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Hosting;

/// <summary>
/// The <c>Parley:Connections</c> section: how many connections Kestrel holds at once. Unset, both limits are derived
/// from the process's descriptor limit (<see cref="ConnectionLimits"/>), so at that limit new connections are refused
/// instead of the process running out of descriptors.
/// </summary>
public sealed class ConnectionLimitsOptions
{
    public const string Section = "Parley:Connections";

    /// <summary>HTTP connections not (yet) upgraded: REST, negotiation, health probes, a WebSocket's handshake.</summary>
    [Range(1, long.MaxValue)]
    public long? MaxConnections { get; set; }

    /// <summary>Upgraded connections (WebSockets: the hubs and the desk's circuits); they no longer count as HTTP ones.</summary>
    [Range(1, long.MaxValue)]
    public long? MaxUpgradedConnections { get; set; }

    /// <summary>The share of the descriptor limit that the derived limits may use together (before the fixed reserve).</summary>
    [Range(0.1, 1.0)]
    public double DescriptorShare { get; set; } = 0.9;
}
