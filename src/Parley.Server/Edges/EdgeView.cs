namespace Parley.Server.Edges;

/// <param name="ClockOffset">The edge's clock minus the core's when its last heartbeat arrived (transit time included, milliseconds on a LAN).</param>
public sealed record EdgeView(string Name, string Site, string Version, string? ExternalUrl, DateTimeOffset LastHeartbeat, TimeSpan ClockOffset);
