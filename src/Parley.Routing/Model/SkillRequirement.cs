namespace Parley.Routing;

/// <summary>An agent needs <paramref name="Skill"/> at <paramref name="MinimumLevel"/> or above (levels 1–10).</summary>
public sealed record SkillRequirement(string Skill, int MinimumLevel)
{
    public const int LowestLevel = 1;
    public const int HighestLevel = 10;

    public override string ToString() => $"{Skill} ≥ {MinimumLevel}";
}
