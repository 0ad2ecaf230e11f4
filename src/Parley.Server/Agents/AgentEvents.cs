using Parley.Routing;
using Parley.Server.Conversations;
using Parley.Server.Storage;

namespace Parley.Server.Agents;

// What an agent is told. The same records go to hub clients (IAgentClient) and to the Blazor desktop.

public abstract record AgentEvent;

public sealed record OfferView(
    Guid OfferId,
    Guid ConversationId,
    string Queue,
    string QueueDisplayName,
    string CustomerName,
    IReadOnlyDictionary<string, string> Answers,
    DateTimeOffset OfferedAt,
    DateTimeOffset ExpiresAt) : AgentEvent;

public sealed record OfferWithdrawnView(Guid OfferId, Guid ConversationId, string Reason) : AgentEvent;

public sealed record AssignedConversationView(
    Guid ConversationId,
    string Queue,
    string QueueDisplayName,
    string CustomerName,
    string? CustomerEmail,
    IReadOnlyDictionary<string, string> Answers,
    DateTimeOffset StartedAt,
    ConversationState State) : AgentEvent;

public sealed record AgentMessageView(Guid ConversationId, MessageView Message) : AgentEvent;

public sealed record CustomerTypingView(Guid ConversationId, string Sender, string Name) : AgentEvent;

public sealed record ConversationEndedView(Guid ConversationId, string EndedBy) : AgentEvent;

public sealed record PresenceView(AgentPresence State, string? Reason) : AgentEvent;
