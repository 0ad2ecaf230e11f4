using Parley.Routing;
using Parley.Server.Agents;
using Parley.Server.Storage;

namespace Parley.Server.Admin;

/// <summary>Copies between the admin shapes and the stored records (validated definitions only; strings are trimmed).</summary>
public static class AdminMapping
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
            Strategy = AdminValidation.FormatStrategy(q.Strategy),
            PriorityAgingSeconds = q.PriorityAgingSeconds,
            ManualPick = q.ManualPick,
            AffinitySeconds = q.AffinitySeconds,
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
        to.Strategy = AdminValidation.ParseStrategy(from.Strategy) ?? RoutingStrategy.LongestIdle;
        to.PriorityAgingSeconds = from.PriorityAgingSeconds;
        to.ManualPick = from.ManualPick;
        to.AffinitySeconds = from.AffinitySeconds;
    }

    public static AgentDefinition ToDefinition(AgentRecord a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new()
        {
            Username = a.Username,
            DisplayName = a.DisplayName,
            Roles = [.. a.Roles],
            Queues = [.. a.Queues],
            QueuePriorities = new(a.QueuePriorities, StringComparer.Ordinal),
            Skills = [.. a.Skills.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new AgentSkillDefinition { Skill = s.Key, Level = s.Value })],
            Capacity = a.Capacity,
        };
    }

    /// <summary>Writes a validated definition into a (new or tracked) record; the username and password are not touched.</summary>
    public static void Apply(AgentDefinition from, AgentRecord to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var queues = (from.Queues ?? []).ToList();
        to.DisplayName = from.DisplayName.Trim();
        to.Roles = Roles(from.Roles);
        to.Queues = queues;
        // Only backups are stored; a missing entry means primary.
        to.QueuePriorities = (from.QueuePriorities ?? []).Where(p => queues.Contains(p.Key) && p.Value != 1).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        to.Skills = (from.Skills ?? []).ToDictionary(s => s.Skill, s => s.Level, StringComparer.Ordinal);
        to.Capacity = from.Capacity;
    }

    /// <summary>The roles without duplicates in a stable order; none means <c>agent</c>.</summary>
    public static List<string> Roles(IEnumerable<string>? roles)
    {
        var given = (roles ?? []).ToHashSet(StringComparer.Ordinal);
        return given.Count == 0 ? [AgentRoles.Agent] : [.. AgentRoles.All.Where(given.Contains)];
    }
}
