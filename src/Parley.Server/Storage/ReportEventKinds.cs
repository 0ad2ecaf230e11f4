namespace Parley.Server.Storage;

/// <summary>
/// The kinds of <see cref="ReportEventRecord"/>, as stored. Conversation facts carry <c>ConversationId</c>,
/// <c>Queue</c> and (after <see cref="Queued"/>) <c>QueuedAt</c>; agent facts carry <c>Agent</c> and the agent's state
/// after the change (<c>Presence</c>, <c>Status</c>, <c>Active</c>, <c>Capacity</c>), so time in each state is the
/// span between an agent's consecutive facts. docs/reporting.md defines each.
/// </summary>
public static class ReportEventKinds
{
    /// <summary>The chat entered a queue. Detail: arrival, transfer, overflow, agentOffline, supervisor; Site, Edge, Medium.</summary>
    public const string Queued = "queued";

    /// <summary>Offered to Agent.</summary>
    public const string Offered = "offered";

    /// <summary>Agent declined the offer.</summary>
    public const string Declined = "declined";

    /// <summary>The offer to Agent timed out.</summary>
    public const string OfferTimedOut = "offerTimedOut";

    /// <summary>The offer to Agent ended otherwise. Detail: unavailable, taken, ended.</summary>
    public const string OfferWithdrawn = "offerWithdrawn";

    /// <summary>
    /// Agent has the chat. From the queue (an answer; DurationMs: the wait in this queue): Detail offer, picked, forced (a
    /// supervisor's assignment). From another agent (DurationMs 0): Detail transfer, takeover (a supervisor's).
    /// </summary>
    public const string Accepted = "accepted";

    /// <summary>Agent's first message after accepting. DurationMs: accepted → reply.</summary>
    public const string FirstReply = "firstReply";

    /// <summary>
    /// Agent gave the chat away: Target is the agent (Detail agent) or queue (Detail queue) it went to; Detail takeover:
    /// a supervisor (Target) took it over. DurationMs: Agent's handling time.
    /// </summary>
    public const string Transferred = "transferred";

    /// <summary>The chat overflowed from Queue to Target.</summary>
    public const string Overflowed = "overflowed";

    /// <summary>The chat ended. Detail: who ended it; Agent: its agent, if any; DurationMs: accepted → end (handled chats); Value 1: a survey was offered.</summary>
    public const string Ended = "ended";

    /// <summary>The customer left while waiting in Queue. DurationMs: the wait.</summary>
    public const string Abandoned = "abandoned";

    /// <summary>The queue's maximum wait ended the chat. DurationMs: the wait.</summary>
    public const string Expired = "expired";

    /// <summary>The customer's silence closed the chat (the workflow's inactivity rule).</summary>
    public const string InactivityClosed = "inactivityClosed";

    /// <summary>The customer rated the chat: Value 1–5; Agent: the agent it ended with.</summary>
    public const string Rated = "rated";

    /// <summary>The agent left Offline.</summary>
    public const string SignedIn = "signedIn";

    /// <summary>The agent went Offline.</summary>
    public const string SignedOut = "signedOut";

    /// <summary>The agent's presence or its reason changed (Detail: the reason).</summary>
    public const string PresenceChanged = "presence";

    /// <summary>After-chat work began (ConversationId: the chat that ended).</summary>
    public const string WrapUpStarted = "wrapUpStarted";

    /// <summary>After-chat work ended (ConversationId: its chat; DurationMs: its length).</summary>
    public const string WrapUpEnded = "wrapUpEnded";

    /// <summary>Another system reported the agent busy (Target: the sources, comma-separated; Detail stays the presence reason).</summary>
    public const string ExternalBusyStarted = "externalBusyStarted";

    /// <summary>No other system reports the agent busy any more.</summary>
    public const string ExternalBusyEnded = "externalBusyEnded";

    /// <summary>The agent's capacity changed.</summary>
    public const string CapacityChanged = "capacity";

    /// <summary>Only the agent's load (chats in progress, hence Ready/Busy) changed.</summary>
    public const string Load = "load";

    /// <summary>Agent chose the chat's wrap-up code (Detail: the code); a later one replaces it.</summary>
    public const string WrapUpCoded = "wrapUpCode";

    /// <summary>Agent tagged the chat (Detail: the tag, normalised).</summary>
    public const string TagAdded = "tagAdded";

    /// <summary>Agent removed a tag from the chat (Detail: the tag).</summary>
    public const string TagRemoved = "tagRemoved";
}
