namespace Parley.Routing;

public sealed record RoutingOptions
{
    /// <summary>Put an agent Away when an offer to them times out, so chats do not keep going to an empty desk.</summary>
    public bool AwayAfterMissedOffer { get; init; } = true;
}
