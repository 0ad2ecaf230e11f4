namespace Parley.Routing;

/// <summary>Where a waiting conversation stands: its place in the queue (1 = next) and the estimated wait.</summary>
public sealed record QueueStanding(Guid ConversationId, string Queue, int Position, TimeSpan? EstimatedWait, NoEstimateReason? NoEstimate = null);
