using Parley.Routing;
using Parley.Server.Storage;

namespace Parley.Server.RoutingHost;

/// <summary>Turns stored agents into the routing engine's profiles.</summary>
public static class AgentProfiles
{
    public static AgentProfile From(AgentRecord a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Username)
        {
            Capacity = a.Capacity,
            Skills = new Dictionary<string, int>(a.Skills, StringComparer.Ordinal),
            Queues = [.. a.Queues.Select(q => new QueueMembership(q, a.QueuePriorities.GetValueOrDefault(q, 1)))],
        };
    }
}
