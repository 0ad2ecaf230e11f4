namespace Parley.Routing;

/// <summary>Rejects settings the engine cannot route by (the host validates earlier with messages; this is the last guard).</summary>
internal static class SettingsValidation
{
    public static bool IsValid(QueueSettings q) =>
        !string.IsNullOrWhiteSpace(q.Name)
        && q.OfferTimeout > TimeSpan.Zero
        && q.WrapUp >= TimeSpan.Zero
        && q.AffinityWindow >= TimeSpan.Zero
        && q.MaxQueueLength is null or >= 1
        && (q.MaxWait is null || q.MaxWait > TimeSpan.Zero)
        && (q.PriorityAgingInterval is null || q.PriorityAgingInterval > TimeSpan.Zero)
        && (q.Overflow is null || (q.Overflow.After > TimeSpan.Zero && !string.Equals(q.Overflow.TargetQueue, q.Name, StringComparison.Ordinal)))
        && q.RequiredSkills.All(ValidRequirement)
        && q.AnswerRules.All(r => r.RequireSkill is null || ValidRequirement(r.RequireSkill))
        && q.Relaxation.All(s => s.After > TimeSpan.Zero && s.MinimumLevel is null or (>= SkillRequirement.LowestLevel and <= SkillRequirement.HighestLevel));

    public static bool IsValid(AgentProfile a) =>
        !string.IsNullOrWhiteSpace(a.Username)
        && a.Capacity >= 1
        && a.Skills.Values.All(l => l is >= SkillRequirement.LowestLevel and <= SkillRequirement.HighestLevel)
        && a.Queues.All(m => m.Priority >= 1);

    private static bool ValidRequirement(SkillRequirement r) =>
        !string.IsNullOrWhiteSpace(r.Skill) && r.MinimumLevel is >= SkillRequirement.LowestLevel and <= SkillRequirement.HighestLevel;
}
