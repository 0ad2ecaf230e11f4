namespace Parley.Server.Reporting;

/// <summary>A queue's service level as it is set now: the threshold in seconds and the target share.</summary>
public sealed record QueueTarget(int ServiceLevelSeconds, double ServiceLevelTarget)
{
    /// <summary>The defaults of a queue (and of a queue that no longer exists).</summary>
    public static readonly QueueTarget Default = new(20, 0.8);
}
