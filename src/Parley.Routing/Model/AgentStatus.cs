namespace Parley.Routing;

/// <summary>
/// What an agent is doing as routing sees it: their presence, refined by the automatic states. The first that
/// applies wins, in this order.
/// </summary>
public enum AgentStatus
{
    Offline,
    Away,
    DoNotDisturb,

    /// <summary>Busy on another medium (a voice call): unroutable for chat until the integration clears it.</summary>
    ExternalBusy,

    /// <summary>After-chat work for the queue's wrap-up time ("Make Busy"): no new offers.</summary>
    WrapUp,

    /// <summary>At capacity (chats plus pending offers).</summary>
    Busy,

    /// <summary>Available with free capacity: can get an offer now.</summary>
    Ready,
}
