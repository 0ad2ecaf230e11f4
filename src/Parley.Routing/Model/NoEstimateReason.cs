namespace Parley.Routing;

/// <summary>Why a wait estimate is missing: a reader says so instead of a time.</summary>
public enum NoEstimateReason
{
    /// <summary>No member who could serve the queue is signed in and Available (Away, DND, Offline or externally busy).</summary>
    NobodyServing,

    /// <summary>Members serve the queue, but every slot is held by a chat that has run longer than all of the queue's recent handle times.</summary>
    AgentsBusy,
}
