namespace Parley.Routing;

/// <summary>Where a routed conversation is: queued, offered or assigned.</summary>
public enum ConversationStage
{
    /// <summary>In a queue, no offer open.</summary>
    Queued,

    /// <summary>In a queue, offered to one agent.</summary>
    Offered,

    Assigned,
}
