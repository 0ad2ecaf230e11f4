namespace Parley.Routing;

/// <summary>The routing settings of one queue.</summary>
/// <param name="Name">The queue's stable name, as used in the API (<c>support</c>).</param>
/// <param name="OfferTimeout">How long an agent has to accept an offer before it goes to the next agent.</param>
public sealed record QueueSettings(string Name, TimeSpan OfferTimeout)
{
    public static readonly TimeSpan DefaultOfferTimeout = TimeSpan.FromSeconds(30);
}
