using Parley.Server.Agents;
using Parley.Server.Storage;

namespace Parley.Server.Admin;

/// <summary>Copies between an agent's admin shapes and its stored record (validated definitions only; strings are trimmed).</summary>
public static class AgentMapping
{
    public static AgentDefinition ToDefinition(AgentRecord a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new()
        {
            Username = a.Username,
            DisplayName = a.DisplayName,
            Roles = [.. a.Roles],
            Queues = [.. a.Queues],
            SupervisedQueues = [.. a.SupervisedQueues],
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
        to.SupervisedQueues = [.. from.SupervisedQueues ?? []];
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
