namespace Parley.Routing;

/// <summary>What routing needs to know about an agent.</summary>
/// <param name="Id">The agent's stable id (the username).</param>
/// <param name="Capacity">Maximum concurrent chats, pending offers included.</param>
/// <param name="Queues">The queues the agent takes chats from.</param>
public sealed record AgentProfile(string Id, int Capacity, IReadOnlyCollection<string> Queues)
{
    public const int DefaultCapacity = 3;
}
