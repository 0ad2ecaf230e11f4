namespace Parley.Routing;

/// <summary>After waiting <paramref name="After"/> in the queue, a chat moves to <paramref name="TargetQueue"/> (keeping its entry time).</summary>
public sealed record OverflowRule(TimeSpan After, string TargetQueue);
