namespace Parley.Routing;

/// <summary>An open offer of a chat to one agent (a transfer to an agent when <see cref="FromUsername"/> is set).</summary>
internal sealed record OfferState(Guid Id, Guid ConversationId, string Username, DateTimeOffset OfferedAt, DateTimeOffset ExpiresAt, string? FromUsername)
{
    public bool IsTransfer => FromUsername is not null;
}
