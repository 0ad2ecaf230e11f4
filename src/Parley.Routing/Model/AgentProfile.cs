namespace Parley.Routing;

/// <summary>What routing needs to know about an agent.</summary>
/// <param name="Id">The agent's stable id (the username).</param>
public sealed record AgentProfile(string Id)
{
    public const int DefaultCapacity = 3;

    /// <summary>Maximum concurrent chats, pending offers included.</summary>
    public int Capacity { get; init; } = DefaultCapacity;

    /// <summary>Skill → proficiency 1–10.</summary>
    public IReadOnlyDictionary<string, int> Skills { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    public IReadOnlyList<QueueMembership> Queues { get; init; } = [];
}
