namespace Parley.Routing;

public sealed record RoutingOptions
{
    /// <summary>An agent who lets an offer time out is put Away, so chats stop going to an empty desk.</summary>
    public bool AwayAfterMissedOffer { get; init; } = true;

    public string MissedOfferReason { get; init; } = "Missed offer";

    /// <summary>The handle time the wait estimate assumes until a queue has closed chats of its own.</summary>
    public TimeSpan DefaultHandleTime { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>How many recent handle times of a queue the wait estimate averages.</summary>
    public int HandleTimeSamples { get; init; } = 50;
}
