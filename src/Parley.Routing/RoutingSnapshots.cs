namespace Parley.Routing;

/// <summary>A read-only view of one agent, for desktops and live boards.</summary>
public sealed record AgentSnapshot(string AgentId, AgentPresence Presence, int ActiveConversations, int PendingOffers, int Capacity);

/// <summary>A read-only view of one queue, for live boards.</summary>
public sealed record QueueSnapshot(string Queue, int Waiting, DateTimeOffset? OldestEnteredAt, int AgentsAvailable);

/// <summary>An open offer.</summary>
public sealed record OfferSnapshot(Guid OfferId, Guid ConversationId, string AgentId, string Queue, DateTimeOffset OfferedAt, DateTimeOffset ExpiresAt);
