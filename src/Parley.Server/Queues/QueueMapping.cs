using Parley.Routing;
using Parley.Server.Storage;

namespace Parley.Server.Queues;

/// <summary>
/// The one mapper of a queue: its definition (admin API, admin pages, configuration) to and from the stored record
/// (validated definitions only; strings are trimmed), and the record to the routing engine's settings.
/// </summary>
public static class QueueMapping
{
    public static QueueDefinition ToDefinition(QueueRecord q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return new()
        {
            Name = q.Name,
            DisplayName = q.DisplayName,
            Welcome = q.Welcome,
            OfferTimeoutSeconds = q.OfferTimeoutSeconds,
            Questions = [.. q.Questions.Select(x => new QuestionDefinition { Id = x.Id, Label = x.Label, Type = x.Type, Options = [.. x.Options], Required = x.Required })],
            RequiredSkills = [.. q.RequiredSkills.Select(r => new SkillRequirementDefinition { Skill = r.Skill, MinimumLevel = r.MinimumLevel })],
            Priority = q.Priority,
            AnswerRules = [.. q.AnswerRules.Select(r => new AnswerRuleDefinition { Question = r.Question, Answer = r.Answer, Skill = r.Skill, MinimumLevel = r.MinimumLevel, Priority = r.Priority })],
            MaxQueueLength = q.MaxQueueLength,
            MaxWaitSeconds = q.MaxWaitSeconds,
            OverflowQueue = q.OverflowQueue,
            OverflowAfterSeconds = q.OverflowAfterSeconds,
            Relaxation = [.. q.Relaxation.Select(s => new RelaxationStepDefinition { AfterSeconds = s.AfterSeconds, Skill = s.Skill, MinimumLevel = s.MinimumLevel })],
            WrapUpSeconds = q.WrapUpSeconds,
            Strategy = q.Strategy,
            PriorityAgingSeconds = q.PriorityAgingSeconds,
            ManualPick = q.ManualPick,
            AffinitySeconds = q.AffinitySeconds,
            RetentionDays = q.RetentionDays,
            Calendar = q.Calendar,
            ClosedPolicy = q.ClosedPolicy,
            NoAgentsPolicy = q.NoAgentsPolicy,
            ServiceLevelSeconds = q.ServiceLevelSeconds,
            ServiceLevelTarget = q.ServiceLevelTarget,
            ShortAbandonSeconds = q.ShortAbandonSeconds,
            WrapUpCodes = [.. q.WrapUpCodes.Select(c => new WrapUpCodeDefinition { Code = c.Code, Label = c.Label })],
            WrapUpCodeRequired = q.WrapUpCodeRequired,
            AttachmentMaxBytes = q.AttachmentMaxBytes,
            AttachmentTypes = q.AttachmentTypes is { Count: > 0 } types ? [.. types] : null,
        };
    }

    /// <summary>Writes a validated definition into a (new or tracked) record; the name is not touched.</summary>
    public static void Apply(QueueDefinition from, QueueRecord to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        to.DisplayName = from.DisplayName.Trim();
        to.Welcome = string.IsNullOrWhiteSpace(from.Welcome) ? null : from.Welcome.Trim();
        to.OfferTimeoutSeconds = from.OfferTimeoutSeconds;
        to.Questions = [.. (from.Questions ?? []).Select(x => new PreChatQuestion
        {
            Id = x.Id,
            Label = x.Label.Trim(),
            Type = x.Type,
            Options = [.. (x.Options ?? []).Select(o => o.Trim())],
            Required = x.Required,
        })];
        to.RequiredSkills = [.. (from.RequiredSkills ?? []).Select(r => new SkillRequirementRecord { Skill = r.Skill, MinimumLevel = r.MinimumLevel })];
        to.Priority = from.Priority;
        to.AnswerRules = [.. (from.AnswerRules ?? []).Select(r => new AnswerRuleRecord
        {
            Question = r.Question,
            Answer = r.Answer.Trim(),
            Skill = r.Skill,
            MinimumLevel = r.Skill is null ? null : r.MinimumLevel ?? SkillRequirement.LowestLevel,
            Priority = r.Priority,
        })];
        to.MaxQueueLength = from.MaxQueueLength;
        to.MaxWaitSeconds = from.MaxWaitSeconds;
        to.OverflowQueue = string.IsNullOrEmpty(from.OverflowQueue) ? null : from.OverflowQueue;
        to.OverflowAfterSeconds = from.OverflowAfterSeconds;
        to.Relaxation = [.. (from.Relaxation ?? []).Select(s => new RelaxationStepRecord { AfterSeconds = s.AfterSeconds, Skill = s.Skill, MinimumLevel = s.MinimumLevel })];
        to.WrapUpSeconds = from.WrapUpSeconds;
        to.Strategy = from.Strategy;
        to.PriorityAgingSeconds = from.PriorityAgingSeconds;
        to.ManualPick = from.ManualPick;
        to.AffinitySeconds = from.AffinitySeconds;
        to.RetentionDays = from.RetentionDays;
        to.Calendar = string.IsNullOrWhiteSpace(from.Calendar) ? null : from.Calendar.Trim();
        to.ClosedPolicy = from.ClosedPolicy;
        to.NoAgentsPolicy = from.NoAgentsPolicy;
        to.ServiceLevelSeconds = from.ServiceLevelSeconds;
        to.ServiceLevelTarget = from.ServiceLevelTarget;
        to.ShortAbandonSeconds = from.ShortAbandonSeconds;
        to.WrapUpCodes = [.. (from.WrapUpCodes ?? []).Select(c => new WrapUpCodeRecord { Code = c.Code.Trim(), Label = c.Label.Trim() })];
        to.WrapUpCodeRequired = from.WrapUpCodeRequired;
        to.AttachmentMaxBytes = from.AttachmentMaxBytes;
        to.AttachmentTypes = [.. (from.AttachmentTypes ?? []).Select(t => t.Trim().ToLowerInvariant()).Distinct()];
    }

    /// <summary>The routing engine's settings of a stored queue.</summary>
    public static QueueSettings ToSettings(QueueRecord q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return new(q.Name)
        {
            RequiredSkills = [.. q.RequiredSkills.Select(r => new SkillRequirement(r.Skill, r.MinimumLevel))],
            Priority = q.Priority,
            AnswerRules = [.. q.AnswerRules.Select(r => new AnswerRule(
                r.Question, r.Answer, r.Skill is { } skill ? new SkillRequirement(skill, r.MinimumLevel ?? SkillRequirement.LowestLevel) : null, r.Priority))],
            MaxQueueLength = q.MaxQueueLength,
            MaxWait = Seconds(q.MaxWaitSeconds),
            Overflow = q is { OverflowQueue: { } target, OverflowAfterSeconds: { } after } ? new OverflowRule(TimeSpan.FromSeconds(after), target) : null,
            Relaxation = [.. q.Relaxation.Select(s => new RelaxationStep(TimeSpan.FromSeconds(s.AfterSeconds), s.Skill, s.MinimumLevel))],
            OfferTimeout = TimeSpan.FromSeconds(q.OfferTimeoutSeconds),
            WrapUp = TimeSpan.FromSeconds(q.WrapUpSeconds),
            Strategy = q.Strategy,
            PriorityAgingInterval = Seconds(q.PriorityAgingSeconds),
            ManualPick = q.ManualPick,
            AffinityWindow = TimeSpan.FromSeconds(q.AffinitySeconds),
        };
    }

    private static TimeSpan? Seconds(int? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;
}
