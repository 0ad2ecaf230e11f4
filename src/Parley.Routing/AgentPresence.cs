namespace Parley.Routing;

/// <summary>The presence an agent chose (or was put in after a missed offer).</summary>
public enum AgentPresence
{
    Offline,
    Away,
    Available,
}
