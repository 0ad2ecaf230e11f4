using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Parley.Server.Hosting;

/// <summary>Sets Kestrel's connection limits from <c>Parley:Connections</c> and the descriptor limit, and says so once.</summary>
internal sealed partial class KestrelConnectionLimits(IOptions<ConnectionLimitsOptions> options, ILogger<KestrelConnectionLimits> logger)
    : IConfigureOptions<KestrelServerOptions>
{
    /// <summary>
    /// Kestrel warns here of every connection it refuses: at the limit, thousands a second, each written to the console
    /// while the server is busiest. The metric <c>kestrel.rejected_connections</c> counts them instead.
    /// </summary>
    public const string RejectionCategory = "Microsoft.AspNetCore.Server.Kestrel.Connections";

    public void Configure(KestrelServerOptions kestrel)
    {
        var derived = ConnectionLimits.From(options.Value, DescriptorLimit.Read());
        // Kestrel's own settings (Kestrel:Limits:…), where given, are explicit too: they stay.
        var limits = derived with
        {
            MaxConnections = kestrel.Limits.MaxConcurrentConnections ??= derived.MaxConnections,
            MaxUpgradedConnections = kestrel.Limits.MaxConcurrentUpgradedConnections ??= derived.MaxUpgradedConnections,
        };
        if (limits.DescriptorLimit is { } descriptors)
        {
            LogLimits(logger, limits.MaxConnections, limits.MaxUpgradedConnections, descriptors);
            if (limits.Overcommitted)
            {
                LogOvercommitted(logger, descriptors, ConnectionLimits.ReservedDescriptors);
            }
        }
        else
        {
            LogNoDescriptorLimit(logger);
        }
    }

    [LoggerMessage(EventId = 4120, Level = LogLevel.Information,
        Message = "Connections: at most {MaxConnections} HTTP and {MaxUpgradedConnections} WebSocket connections at once (descriptor limit {DescriptorLimit}); more are closed as they arrive")]
    private static partial void LogLimits(ILogger logger, long? maxConnections, long? maxUpgradedConnections, long descriptorLimit);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Information,
        Message = "Connections: no descriptor limit known (not Linux, or unlimited); Kestrel's connections are capped only where Parley:Connections sets them")]
    private static partial void LogNoDescriptorLimit(ILogger logger);

    [LoggerMessage(EventId = 4122, Level = LogLevel.Warning,
        Message = "Connections: Parley:Connections leaves fewer than {Reserved} of the {DescriptorLimit} descriptors to the server itself; it may run out of descriptors under load. Raise the limit (LimitNOFILE, ulimit -n) or lower the connection limits")]
    private static partial void LogOvercommitted(ILogger logger, long descriptorLimit, long reserved);
}
