using Parley.Routing;
using Parley.Server.Storage;

namespace Parley.Server.RoutingHost;

/// <summary>Turns stored queues and agents into the routing engine's settings.</summary>
public static class RoutingModel
{
    public static QueueSettings ToSettings(QueueRecord q) => new(q.Name)
    {
        RequiredSkills = [.. q.RequiredSkills.Select(r => new SkillRequirement(r.Skill, r.MinimumLevel))],
        Priority = q.Priority,
        AnswerRules = [.. q.AnswerRules.Select(r => new AnswerRule(
            r.Question, r.Answer, r.Skill is { } skill ? new SkillRequirement(skill, r.MinimumLevel ?? 1) : null, r.Priority))],
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

    public static AgentProfile ToProfile(AgentRecord a) => new(a.Username)
    {
        Capacity = a.Capacity,
        Skills = new Dictionary<string, int>(a.Skills, StringComparer.Ordinal),
        Queues = [.. a.Queues.Select(q => new QueueMembership(q, a.QueuePriorities.GetValueOrDefault(q, 1)))],
    };

    private static TimeSpan? Seconds(int? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;
}
