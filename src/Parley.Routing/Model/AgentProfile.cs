namespace Parley.Routing;

/// <summary>What routing needs to know about an agent.</summary>
/// <param name="Username">The agent's stable name, as the server calls the agent.</param>
public sealed record AgentProfile(string Username)
{
    public const int DefaultCapacity = 3;

    /// <summary>Maximum concurrent chats, pending offers included.</summary>
    public int Capacity { get; init; } = DefaultCapacity;

    /// <summary>Skill → proficiency 1–10.</summary>
    public IReadOnlyDictionary<string, int> Skills { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    public IReadOnlyList<QueueMembership> Queues { get; init; } = [];
}
