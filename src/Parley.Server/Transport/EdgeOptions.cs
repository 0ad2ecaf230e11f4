using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Transport;

/// <summary><c>Parley:Edge</c>: this process as an edge (roles <c>all</c> and <c>edge</c>), and how the core treats its edges.</summary>
public sealed class EdgeOptions
{
    public const string Section = "Parley:Edge";

    /// <summary>Unique among the edges of one core (<see cref="EdgeNameRule"/>: 1–40 of a-z, 0-9, '-', not starting with '-'); names the edge's broker queue.</summary>
    public string Name { get; set; } = "local";

    /// <summary>The site (location, data center) this edge serves, shown to the admin.</summary>
    public string Site { get; set; } = "default";

    /// <summary>The URL customers reach this edge at (through the reverse proxy), shown to the admin and checked by the URL check.</summary>
    public string? ExternalUrl { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The core forgets an edge silent this long (it leaves /admin/edges, the health report and the metrics): an edge
    /// taken away for good leaves the core Degraded until then, or until the core restarts. At least 10 minutes: longer
    /// than the three missed heartbeats (at most 3 minutes) that make an edge offline first.
    /// </summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan ForgetOfflineAfter { get; set; } = TimeSpan.FromHours(24);
}
