namespace Parley.Routing;

/// <summary>A read-only view of one agent, for desktops and live boards.</summary>
public sealed record AgentSnapshot(
    string Username,
    AgentPresence Presence,
    string? Reason,
    AgentStatus Status,
    int ActiveConversations,
    int PendingOffers,
    int Capacity,
    DateTimeOffset? WrapUpUntil,
    IReadOnlyList<string> ExternalBusy,
    DateTimeOffset IdleSince,
    IReadOnlyDictionary<string, int> Skills,
    IReadOnlyList<QueueMembership> Queues)
{
    public int Load => ActiveConversations + PendingOffers;
}
