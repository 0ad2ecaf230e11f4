namespace Parley.Routing;

public enum RoutingError
{
    UnknownAgent,
    UnknownQueue,
    UnknownOffer,
    UnknownConversation,
    OfferNotForThisAgent,
    ConversationAlreadyRouted,

    /// <summary>The queue holds its maximum number of waiting chats.</summary>
    QueueFull,

    /// <summary>The command needs a waiting chat (pick, force-assign) and this one is not waiting.</summary>
    NotQueued,

    /// <summary>The command needs the chat to be this agent's (transfer) and it is not.</summary>
    NotAssignedToAgent,

    /// <summary>The target agent cannot take the chat now (not available, at capacity, externally busy).</summary>
    AgentCannotTakeChat,

    /// <summary>The agent is not a member of the queue, or the queue does not allow manual pick.</summary>
    NotAllowed,

    /// <summary>A transfer of this chat is already being offered.</summary>
    TransferPending,

    /// <summary>The queue still has conversations, or the agent still has chats.</summary>
    InUse,

    /// <summary>Settings that do not make sense (capacity below 1, skill level outside 1–10, overflow to itself…).</summary>
    InvalidSettings,
}
