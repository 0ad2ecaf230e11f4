using Parley.Routing;
using Parley.Server.Admin;
using Parley.Server.Agents;
using Parley.Server.Queues;

namespace Parley.Server.Components.Admin;

/// <summary>Words for settings on the admin pages.</summary>
public static class AdminLabels
{
    /// <summary>The strategies, their names and what they do.</summary>
    public static IReadOnlyList<(RoutingStrategy Value, string Name, string Hint)> Strategies { get; } =
    [
        (RoutingStrategy.LongestIdle, "Longest idle", "The agent who has waited longest since their last chat."),
        (RoutingStrategy.LeastOccupied, "Least occupied", "The agent with the fewest chats, relative to their capacity."),
        (RoutingStrategy.BestSkillMatch, "Best skill match", "The agent whose skills are highest above what the chat needs."),
    ];

    public static string Strategy(RoutingStrategy value) =>
        Strategies.FirstOrDefault(s => s.Value == value).Name ?? QueueStrategies.Format(value);

    public static string StrategyHint(RoutingStrategy value) =>
        Strategies.FirstOrDefault(s => s.Value == value).Hint ?? "";

    public static IReadOnlyList<(string Value, string Name)> Roles { get; } =
    [
        (AgentRoles.Agent, "Agent"),
        (AgentRoles.Supervisor, "Supervisor"),
        (AgentRoles.Admin, "Admin"),
    ];

    /// <summary>Seconds in words: 90 → "1 min 30 s".</summary>
    public static string Seconds(int? seconds) => seconds switch
    {
        null => "—",
        < 60 => $"{seconds} s",
        _ when seconds % 3600 == 0 => $"{seconds / 3600} h",
        _ when seconds % 60 == 0 => $"{seconds / 60} min",
        _ => $"{seconds / 60} min {seconds % 60} s",
    };

    /// <summary>Every skill the queues and agents use, for suggestions.</summary>
    public static IReadOnlyList<string> KnownSkills(IEnumerable<QueueDefinition> queues, IEnumerable<AgentDefinition> agents) =>
    [
        .. queues.SelectMany(q => q.RequiredSkills.Select(r => r.Skill).Concat(q.AnswerRules.Select(r => r.Skill ?? "")))
            .Concat(agents.SelectMany(a => a.Skills.Select(s => s.Skill)))
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];
}
