namespace Parley.Routing;

/// <summary>
/// After waiting <paramref name="After"/> in the queue, the requirement on <paramref name="Skill"/> is lowered to
/// <paramref name="MinimumLevel"/>, or dropped when it is null.
/// </summary>
public sealed record RelaxationStep(TimeSpan After, string Skill, int? MinimumLevel);
