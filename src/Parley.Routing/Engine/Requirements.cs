namespace Parley.Routing;

/// <summary>Derives a chat's priority and skill requirements from its queue, its pre-chat answers and time waited.</summary>
internal static class Requirements
{
    /// <param name="merged">The queue's own requirements, merged once per settings (<see cref="MergeQueue"/>).</param>
    public static (int Priority, IReadOnlyList<SkillRequirement> Requirements) Derive(
        QueueSettings queue, IReadOnlyList<SkillRequirement> merged, IReadOnlyDictionary<string, string> answers)
    {
        var priority = queue.Priority;
        List<SkillRequirement>? requirements = null;
        int? picked = null;
        foreach (var rule in queue.AnswerRules)
        {
            if (!answers.TryGetValue(rule.Question, out var answer)
                || !string.Equals(answer.Trim(), rule.Answer, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (rule.RequireSkill is { } skill)
            {
                (requirements ??= [.. queue.RequiredSkills]).Add(skill);
            }

            if (rule.Priority is { } p)
            {
                picked = picked is null ? p : Math.Max(picked.Value, p);
            }
        }

        // Most chats add nothing to their queue's requirements: they share the queue's merged list.
        return (picked ?? priority, requirements is null ? merged : Merge(requirements));
    }

    public static IReadOnlyList<SkillRequirement> MergeQueue(QueueSettings queue) => Merge([.. queue.RequiredSkills]);

    /// <summary>The requirements after the first <paramref name="steps"/> relaxation steps (ordered by time).</summary>
    public static IReadOnlyList<SkillRequirement> Relax(IReadOnlyList<SkillRequirement> requirements, IReadOnlyList<RelaxationStep> ordered, int steps)
    {
        if (steps == 0)
        {
            return requirements;
        }

        var relaxed = requirements.ToDictionary(r => r.Skill, r => r.MinimumLevel, StringComparer.Ordinal);
        for (var i = 0; i < steps; i++)
        {
            var step = ordered[i];
            if (!relaxed.TryGetValue(step.Skill, out var level))
            {
                continue;
            }

            if (step.MinimumLevel is { } lower)
            {
                relaxed[step.Skill] = Math.Min(level, lower);
            }
            else
            {
                relaxed.Remove(step.Skill);
            }
        }

        return [.. relaxed.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new SkillRequirement(r.Key, r.Value))];
    }

    public static IReadOnlyList<RelaxationStep> Ordered(QueueSettings queue) =>
        queue.Relaxation.Count < 2 ? queue.Relaxation : [.. queue.Relaxation.OrderBy(s => s.After)];

    /// <summary>One requirement per skill, the strictest wins.</summary>
    private static SkillRequirement[] Merge(List<SkillRequirement> requirements) =>
        requirements.Count < 2 ? [.. requirements] // Nothing to merge or order (the common case; spares the grouping).
        : [.. requirements.GroupBy(r => r.Skill, StringComparer.Ordinal)
            .Select(g => new SkillRequirement(g.Key, g.Max(r => r.MinimumLevel)))
            .OrderBy(r => r.Skill, StringComparer.Ordinal)];
}
