using Parley.Routing;
using Parley.Server.Contracts;

namespace Parley.Server.Components.Board;

/// <summary>
/// An agent on the board: the account joined with the routing state the agent's own desk is told
/// (<see cref="AgentStateView.From"/>, the one place a routing snapshot becomes a state), so board and desk never differ.
/// </summary>
public sealed record AgentRow(
    string Username,
    string DisplayName,
    IReadOnlyList<string> Roles,
    AgentStateView State,
    IReadOnlyDictionary<string, int> Skills,
    IReadOnlyList<string> Queues)
{
    /// <summary>Whether a supervisor may give this agent a chat now (signed in, room left); routing has the last word.</summary>
    public bool CanTakeForcedChat => State.Presence != AgentPresence.Offline && State.ActiveConversations + State.PendingOffers < State.Capacity;
}
