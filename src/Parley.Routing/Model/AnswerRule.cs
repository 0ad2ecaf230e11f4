namespace Parley.Routing;

/// <summary>A pre-chat answer that adds a skill requirement and/or picks the chat's priority.</summary>
/// <param name="Question">The pre-chat question's id.</param>
/// <param name="Answer">The answer that triggers the rule (compared ignoring case).</param>
public sealed record AnswerRule(string Question, string Answer, SkillRequirement? RequireSkill = null, int? Priority = null);

/// <summary>After waiting <paramref name="After"/> in the queue, a chat moves to <paramref name="TargetQueue"/> (keeping its entry time).</summary>
public sealed record OverflowRule(TimeSpan After, string TargetQueue);

/// <summary>
/// After waiting <paramref name="After"/> in the queue, the requirement on <paramref name="Skill"/> is lowered to
/// <paramref name="MinimumLevel"/>, or dropped when it is null.
/// </summary>
public sealed record RelaxationStep(TimeSpan After, string Skill, int? MinimumLevel);

/// <summary>An agent's membership of a queue. Priority 1 is primary; higher numbers are backups, used when no primary agent can take the chat.</summary>
public sealed record QueueMembership(string Queue, int Priority = 1);
