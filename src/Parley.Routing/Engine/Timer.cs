namespace Parley.Routing;

/// <summary>What a scheduled timer is for.</summary>
internal enum TimerKind
{
    OfferExpiry,
    Conversation,
    WrapUpEnd,
}

/// <summary>Something due at <see cref="At"/>: an offer's expiry, a conversation's next step or an agent's wrap-up end.</summary>
internal readonly record struct Timer(TimerKind Kind, DateTimeOffset At, Guid Id, string? Username);
