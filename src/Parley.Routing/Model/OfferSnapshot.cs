namespace Parley.Routing;

/// <summary>An open offer.</summary>
public sealed record OfferSnapshot(Guid OfferId, Guid ConversationId, string Username, string Queue, DateTimeOffset OfferedAt, DateTimeOffset ExpiresAt, string? FromUsername);
