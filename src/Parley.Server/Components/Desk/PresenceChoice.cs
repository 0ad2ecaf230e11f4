using Parley.Routing;

namespace Parley.Server.Components.Desk;

/// <summary>What the agent picked in the presence switch: the presence and, for Away or Do not disturb, a reason.</summary>
public sealed record PresenceChoice(AgentPresence Presence, string? Reason);
