namespace Parley.Server.Hosting;

/// <summary>
/// Kestrel's two connection limits. A connection counts against <see cref="MaxConnections"/> until it is upgraded
/// to a WebSocket, then against <see cref="MaxUpgradedConnections"/> instead: each open connection holds one
/// descriptor, so the two together must stay below the process's descriptor limit. Past either limit Kestrel closes
/// a new connection at once; at the descriptor limit itself the process fails instead (accepting, opening files,
/// the runtime's own work: seen as "Out of memory" in the idle benchmark).
/// </summary>
public sealed record ConnectionLimits(long? MaxConnections, long? MaxUpgradedConnections, long? DescriptorLimit)
{
    /// <summary>
    /// Descriptors kept for the process's own use whatever the limit: the runtime and its loaded assemblies (about
    /// 370 in a build, measured), the database's files or pool, the broker, logs, outgoing requests. The rest of the
    /// share (10 % by default) absorbs what grows with load: a connection Kestrel accepts only to refuse it, files
    /// and sockets opened meanwhile.
    /// </summary>
    public const long ReservedDescriptors = 512;

    /// <summary>Never fewer than this many of each, however low the descriptor limit (<see cref="Overcommitted"/> then).</summary>
    public const long Minimum = 16;

    /// <summary>
    /// The limits together leave less than the reserve of the descriptor limit (set too high, or the descriptor limit
    /// too low for the minimum): the process can still run out of descriptors.
    /// </summary>
    public bool Overcommitted =>
        MaxConnections + MaxUpgradedConnections > DescriptorLimit - ReservedDescriptors;

    /// <summary>
    /// The limits: explicit settings as they are; unset ones from the descriptor limit (none if it is unknown or
    /// unlimited). Of the descriptors left, a tenth for HTTP connections (REST, negotiation, health, handshakes),
    /// the rest for WebSockets, so a full set of WebSockets still leaves HTTP answerable.
    /// </summary>
    public static ConnectionLimits From(ConnectionLimitsOptions options, long? descriptorLimit)
    {
        if (descriptorLimit is not { } limit)
        {
            return new(options.MaxConnections, options.MaxUpgradedConnections, null);
        }

        var budget = (long)(limit * options.DescriptorShare) - ReservedDescriptors;
        var http = Math.Max(Minimum, budget / 10);
        var upgraded = Math.Max(Minimum, budget - http);
        return new(options.MaxConnections ?? http, options.MaxUpgradedConnections ?? upgraded, limit);
    }
}
