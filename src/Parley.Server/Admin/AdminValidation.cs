using System.Text.RegularExpressions;
using Parley.Routing;
using Parley.Server.Agents;
using Parley.Server.Conversations;

namespace Parley.Server.Admin;

/// <summary>
/// The checks of queue and agent definitions, shared by the admin API, the admin pages (through
/// <see cref="AdminService"/>) and start-up configuration. Errors are keyed by field path in camelCase:
/// <c>displayName</c>, <c>requiredSkills[0].minimumLevel</c>, <c>queuePriorities[sales]</c>.
/// </summary>
public static partial class AdminValidation
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;

    public static bool IsQueueName(string? name) => name is not null && QueueNamePattern().IsMatch(name);

    public static bool IsUsername(string? username) => username is not null && UsernamePattern().IsMatch(username);

    public static bool IsSkill(string? skill) => skill is not null && SkillPattern().IsMatch(skill);

    public static bool IsExternalSource(string? source) => source is not null && SourcePattern().IsMatch(source);

    /// <summary>Checks an agent.</summary>
    /// <param name="creating">A new agent needs a password; a change may leave it out.</param>
    /// <param name="queueExists">Whether a queue exists; null skips that check.</param>
    public static Dictionary<string, string[]> ValidateAgent(AgentInput agent, bool creating, Func<string, bool>? queueExists)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var errors = new ErrorList();
        if (!IsUsername(agent.Username))
        {
            errors.Add("username", "Use 1–64 lower-case letters, digits, dots, dashes and underscores, starting with a letter or digit.");
        }

        CheckDisplayName(errors, agent.DisplayName);
        if (string.IsNullOrEmpty(agent.Password))
        {
            if (creating)
            {
                errors.Add("password", $"A new agent needs a password of at least {MinPasswordLength} characters.");
            }
        }
        else if (agent.Password.Length is < MinPasswordLength or > MaxPasswordLength)
        {
            errors.Add("password", $"The password must be {MinPasswordLength}–{MaxPasswordLength} characters.");
        }

        foreach (var (role, i) in (agent.Roles ?? []).Select((r, i) => (r, i)))
        {
            if (role is null || !AgentRoles.All.Contains(role))
            {
                errors.Add($"roles[{i}]", $"Unknown role '{role}' (use {string.Join(", ", AgentRoles.All)}).");
            }
        }

        var queues = new HashSet<string>(StringComparer.Ordinal);
        var memberOf = agent.Queues ?? [];
        MaxCount(errors, "queues", memberOf.Count, 50);
        foreach (var (queue, i) in memberOf.Select((q, i) => (q, i)))
        {
            if (!IsQueueName(queue) || (queueExists is not null && !queueExists(queue)))
            {
                errors.Add($"queues[{i}]", $"There is no queue named '{queue}'.");
            }
            else if (!queues.Add(queue))
            {
                errors.Add($"queues[{i}]", $"'{queue}' is listed twice.");
            }
        }

        var supervised = new HashSet<string>(StringComparer.Ordinal);
        var team = agent.SupervisedQueues ?? [];
        MaxCount(errors, "supervisedQueues", team.Count, 50);
        foreach (var (queue, i) in team.Select((q, i) => (q, i)))
        {
            if (!IsQueueName(queue) || (queueExists is not null && !queueExists(queue)))
            {
                errors.Add($"supervisedQueues[{i}]", $"There is no queue named '{queue}'.");
            }
            else if (!supervised.Add(queue))
            {
                errors.Add($"supervisedQueues[{i}]", $"'{queue}' is listed twice.");
            }
        }

        foreach (var (queue, priority) in agent.QueuePriorities ?? [])
        {
            var path = $"queuePriorities[{queue}]";
            if (!queues.Contains(queue))
            {
                errors.Add(path, $"The agent is not a member of '{queue}'.");
            }

            Range(errors, path, priority, 1, 9);
        }

        var skills = new HashSet<string>(StringComparer.Ordinal);
        var list = agent.Skills ?? [];
        MaxCount(errors, "skills", list.Count, 50);
        foreach (var (skill, i) in list.Select((s, i) => (s, i)))
        {
            var path = $"skills[{i}]";
            if (skill is null)
            {
                errors.Add(path, "Empty entry.");
                continue;
            }

            if (CheckSkill(errors, $"{path}.skill", skill.Skill) && !skills.Add(skill.Skill))
            {
                errors.Add($"{path}.skill", $"'{skill.Skill}' is listed twice.");
            }

            Range(errors, $"{path}.level", skill.Level, SkillRequirement.LowestLevel, SkillRequirement.HighestLevel);
        }

        Range(errors, "capacity", agent.Capacity, 1, 50);
        return errors.ToDictionary();
    }

    /// <summary>
    /// Turns an error key into a configuration path: <c>requiredSkills[0].minimumLevel</c> under <c>Parley:Queues:2</c>
    /// becomes <c>Parley:Queues:2:RequiredSkills:0:MinimumLevel</c> (dictionary keys keep their case).
    /// </summary>
    public static string ToConfigurationPath(string prefix, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = new List<string> { prefix };
        foreach (var segment in key.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var property = bracket < 0 ? segment : segment[..bracket];
            if (property.Length > 0)
            {
                parts.Add(char.ToUpperInvariant(property[0]) + property[1..]);
            }

            if (bracket >= 0)
            {
                parts.AddRange(segment[(bracket + 1)..].TrimEnd(']').Split("]["));
            }
        }

        return string.Join(':', parts);
    }

    private static void CheckDisplayName(ErrorList errors, string? displayName)
    {
        var trimmed = displayName?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 100)
        {
            errors.Add("displayName", "The display name is required (at most 100 characters).");
        }

        CheckText(errors, "displayName", displayName);
    }

    /// <summary>Free text that is stored and shown to others: the one rule of <see cref="ValidText"/>.</summary>
    private static void CheckText(ErrorList errors, string path, string? value)
    {
        if (!ValidText.Is(value))
        {
            errors.Add(path, ValidText.Error);
        }
    }

    private static bool CheckSkill(ErrorList errors, string path, string? skill)
    {
        if (IsSkill(skill))
        {
            return true;
        }

        errors.Add(path, "Use 1–64 lower-case letters, digits and : . _ -, starting with a letter or digit (for example lang:nl).");
        return false;
    }

    private static void Range(ErrorList errors, string path, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(path, $"Must be {min}–{max}.");
        }
    }

    private static void OptionalRange(ErrorList errors, string path, int? value, int min, int max)
    {
        if (value is { } v)
        {
            Range(errors, path, v, min, max);
        }
    }

    private static void MaxCount(ErrorList errors, string path, int count, int max)
    {
        if (count > max)
        {
            errors.Add(path, $"At most {max} entries.");
        }
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,63}\z")]
    private static partial Regex QueueNamePattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,63}\z")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9:._-]{0,63}\z")]
    private static partial Regex SkillPattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,31}\z")]
    private static partial Regex SourcePattern();

    private sealed class ErrorList
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public void Add(string key, string message)
        {
            if (!_errors.TryGetValue(key, out var messages))
            {
                _errors[key] = messages = [];
            }

            messages.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}
