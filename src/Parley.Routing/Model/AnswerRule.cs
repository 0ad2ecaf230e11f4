namespace Parley.Routing;

/// <summary>A pre-chat answer that adds a skill requirement and/or picks the chat's priority.</summary>
/// <param name="Question">The pre-chat question's id.</param>
/// <param name="Answer">The answer that triggers the rule (compared ignoring case).</param>
public sealed record AnswerRule(string Question, string Answer, SkillRequirement? RequireSkill = null, int? Priority = null);
