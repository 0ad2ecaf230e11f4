namespace Parley.Routing;

/// <summary>The presence an agent chose (or was put in after a missed offer). Only Available agents get offers.</summary>
public enum AgentPresence
{
    Offline,
    Away,
    DoNotDisturb,
    Available,
}
