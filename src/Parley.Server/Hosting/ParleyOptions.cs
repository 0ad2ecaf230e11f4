using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Hosting;

/// <summary>
/// The root keys of the <c>Parley</c> configuration section, validated at start-up. Each nested section
/// (<c>Parley:Edge</c>, <c>Parley:Routing</c>, …) has its own options class in the folder that owns it, bound and
/// validated on its own.
/// </summary>
public sealed class ParleyOptions
{
    public const string Section = "Parley";

    /// <summary>Where the SQLite database and the installation key live.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Base64 key (≥ 32 bytes) that signs customer tokens. Generated into the data directory when unset.</summary>
    public string? InstallationKey { get; set; }

    /// <summary><c>all</c> (default: everything in one process), <c>core</c> (inner network) or <c>edge</c> (DMZ, customer-facing only).</summary>
    public string Role { get; set; } = ParleyRoles.All;

    /// <summary>
    /// Reverse proxies (IP addresses or CIDR networks, e.g. <c>10.0.0.5</c>, <c>10.0.0.0/24</c>) whose
    /// <c>X-Forwarded-For</c>/<c>-Proto</c> are believed, so rate limits see each customer's address. Loopback always is.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>
    /// Origins (<c>https://desk.example.com</c>) besides the server's own whose pages may open the agent hub and the
    /// desktop's Blazor circuits. The customer hub and API accept every origin.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];
}

public static class ParleyRoles
{
    public const string All = "all";
    public const string Core = "core";
    public const string Edge = "edge";
    public static readonly string[] Names = [All, Core, Edge];
}
