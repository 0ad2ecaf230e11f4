using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Routing;
using Parley.Server.Agents;

namespace Parley.Server.Admin;

/// <summary>
/// The checks of queue and agent definitions, shared by the admin API, the admin pages (through
/// <see cref="AdminService"/>) and start-up configuration. Errors are keyed by field path in camelCase:
/// <c>displayName</c>, <c>requiredSkills[0].minimumLevel</c>, <c>queuePriorities[sales]</c>.
/// </summary>
public static partial class AdminValidation
{
    public const string DefaultStrategy = "longestIdle";
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;

    /// <summary>The strategies as the API spells them.</summary>
    public static readonly IReadOnlyList<string> Strategies = [.. Enum.GetNames<RoutingStrategy>().Select(JsonNamingPolicy.CamelCase.ConvertName)];

    public static bool IsQueueName(string? name) => name is not null && QueueNamePattern().IsMatch(name);

    public static bool IsUsername(string? username) => username is not null && UsernamePattern().IsMatch(username);

    public static bool IsSkill(string? skill) => skill is not null && SkillPattern().IsMatch(skill);

    public static bool IsExternalSource(string? source) => source is not null && SourcePattern().IsMatch(source);

    /// <summary>A strategy by name, ignoring case; empty is the default (longest idle), anything else unknown is null.</summary>
    public static RoutingStrategy? ParseStrategy(string? strategy) =>
        string.IsNullOrWhiteSpace(strategy) ? RoutingStrategy.LongestIdle
        : Enum.GetValues<RoutingStrategy>().Select(s => (RoutingStrategy?)s)
            .FirstOrDefault(s => string.Equals(s.ToString(), strategy.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string FormatStrategy(RoutingStrategy strategy) => JsonNamingPolicy.CamelCase.ConvertName(strategy.ToString());

    /// <summary>Checks a queue.</summary>
    /// <param name="queues">
    /// The queues that will exist (name → its overflow target), to check the overflow target and overflow cycles;
    /// null checks the queue on its own.
    /// </param>
    public static Dictionary<string, string[]> ValidateQueue(QueueDefinition queue, IReadOnlyDictionary<string, string?>? queues)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var errors = new ErrorList();
        if (!IsQueueName(queue.Name))
        {
            errors.Add("name", "Use 1–64 lower-case letters, digits and dashes, starting with a letter or digit.");
        }

        CheckDisplayName(errors, queue.DisplayName);
        if (queue.Welcome?.Trim().Length > 500)
        {
            errors.Add("welcome", "The welcome message is at most 500 characters.");
        }

        Range(errors, "offerTimeoutSeconds", queue.OfferTimeoutSeconds, 5, 600);
        var questions = CheckQuestions(errors, queue.Questions ?? []);

        var skills = new HashSet<string>(StringComparer.Ordinal);
        var required = queue.RequiredSkills ?? [];
        MaxCount(errors, "requiredSkills", required.Count, 20);
        foreach (var (requirement, i) in required.Select((r, i) => (r, i)))
        {
            var path = $"requiredSkills[{i}]";
            if (requirement is null)
            {
                errors.Add(path, "Empty entry.");
                continue;
            }

            CheckSkill(errors, $"{path}.skill", requirement.Skill);
            Range(errors, $"{path}.minimumLevel", requirement.MinimumLevel, SkillRequirement.LowestLevel, SkillRequirement.HighestLevel);
            if (requirement.Skill is not null && !skills.Add(requirement.Skill))
            {
                errors.Add($"{path}.skill", $"'{requirement.Skill}' is required twice.");
            }
        }

        Range(errors, "priority", queue.Priority, 0, 100);
        var rules = queue.AnswerRules ?? [];
        MaxCount(errors, "answerRules", rules.Count, 50);
        foreach (var (rule, i) in rules.Select((r, i) => (r, i)))
        {
            var path = $"answerRules[{i}]";
            if (rule is null)
            {
                errors.Add(path, "Empty entry.");
                continue;
            }

            CheckAnswerRule(errors, path, rule, questions);
            if (rule.Skill is { } skill)
            {
                skills.Add(skill);
            }
        }

        OptionalRange(errors, "maxQueueLength", queue.MaxQueueLength, 1, 10_000);
        OptionalRange(errors, "maxWaitSeconds", queue.MaxWaitSeconds, 10, 86_400);
        CheckOverflow(errors, queue, queues);

        var steps = queue.Relaxation ?? [];
        MaxCount(errors, "relaxation", steps.Count, 10);
        foreach (var (step, i) in steps.Select((s, i) => (s, i)))
        {
            var path = $"relaxation[{i}]";
            if (step is null)
            {
                errors.Add(path, "Empty entry.");
                continue;
            }

            Range(errors, $"{path}.afterSeconds", step.AfterSeconds, 1, 86_400);
            if (CheckSkill(errors, $"{path}.skill", step.Skill) && !skills.Contains(step.Skill))
            {
                errors.Add($"{path}.skill", $"'{step.Skill}' is not required by this queue or one of its answer rules.");
            }

            OptionalRange(errors, $"{path}.minimumLevel", step.MinimumLevel, SkillRequirement.LowestLevel, SkillRequirement.HighestLevel);
        }

        Range(errors, "wrapUpSeconds", queue.WrapUpSeconds, 0, 3_600);
        if (ParseStrategy(queue.Strategy) is null)
        {
            errors.Add("strategy", $"Use one of: {string.Join(", ", Strategies)}.");
        }

        OptionalRange(errors, "priorityAgingSeconds", queue.PriorityAgingSeconds, 5, 86_400);
        Range(errors, "affinitySeconds", queue.AffinitySeconds, 0, 3_600);
        return errors.ToDictionary();
    }

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
    }

    private static Dictionary<string, QuestionDefinition> CheckQuestions(ErrorList errors, List<QuestionDefinition> questions)
    {
        var byId = new Dictionary<string, QuestionDefinition>(StringComparer.Ordinal);
        MaxCount(errors, "questions", questions.Count, 20);
        foreach (var (question, i) in questions.Select((q, i) => (q, i)))
        {
            var path = $"questions[{i}]";
            if (question is null)
            {
                errors.Add(path, "Empty entry.");
                continue;
            }

            if (question.Id is null || !QuestionIdPattern().IsMatch(question.Id))
            {
                errors.Add($"{path}.id", "Use 1–64 letters, digits, dashes and underscores.");
            }
            else if (!byId.TryAdd(question.Id, question))
            {
                errors.Add($"{path}.id", $"Another question has the id '{question.Id}'.");
            }

            var label = question.Label?.Trim();
            if (string.IsNullOrEmpty(label) || label.Length > 200)
            {
                errors.Add($"{path}.label", "The label is required (at most 200 characters).");
            }

            var options = question.Options ?? [];
            switch (question.Type)
            {
                case "choice":
                    if (options.Count is 0 or > 50)
                    {
                        errors.Add($"{path}.options", "A choice question needs 1–50 options.");
                    }

                    var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var (option, j) in options.Select((o, j) => (o?.Trim(), j)))
                    {
                        if (string.IsNullOrEmpty(option) || option.Length > 100)
                        {
                            errors.Add($"{path}.options[{j}]", "An option is 1–100 characters.");
                        }
                        else if (!seen.Add(option))
                        {
                            errors.Add($"{path}.options[{j}]", $"'{option}' is listed twice.");
                        }
                    }

                    break;
                case "text":
                    if (options.Count > 0)
                    {
                        errors.Add($"{path}.options", "Only choice questions have options.");
                    }

                    break;
                default:
                    errors.Add($"{path}.type", "Use text or choice.");
                    break;
            }
        }

        return byId;
    }

    private static void CheckAnswerRule(ErrorList errors, string path, AnswerRuleDefinition rule, Dictionary<string, QuestionDefinition> questions)
    {
        var answer = rule.Answer?.Trim();
        if (rule.Question is null || !questions.TryGetValue(rule.Question, out var question))
        {
            errors.Add($"{path}.question", $"This queue has no question '{rule.Question}'.");
        }
        else if (string.IsNullOrEmpty(answer) || answer.Length > 500)
        {
            errors.Add($"{path}.answer", "The answer is required (at most 500 characters).");
        }
        else if (question.Type == "choice" && !(question.Options ?? []).Any(o => string.Equals(o?.Trim(), answer, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add($"{path}.answer", $"'{answer}' is not one of the options of '{question.Id}'.");
        }

        if (rule.Skill is null)
        {
            if (rule.MinimumLevel is not null)
            {
                errors.Add($"{path}.minimumLevel", "A minimum level needs a skill.");
            }

            if (rule.Priority is null)
            {
                errors.Add(path, "A rule needs a skill, a priority or both.");
            }
        }
        else
        {
            CheckSkill(errors, $"{path}.skill", rule.Skill);
            OptionalRange(errors, $"{path}.minimumLevel", rule.MinimumLevel, SkillRequirement.LowestLevel, SkillRequirement.HighestLevel);
        }

        OptionalRange(errors, $"{path}.priority", rule.Priority, 0, 100);
    }

    private static void CheckOverflow(ErrorList errors, QueueDefinition queue, IReadOnlyDictionary<string, string?>? queues)
    {
        var target = string.IsNullOrEmpty(queue.OverflowQueue) ? null : queue.OverflowQueue;
        if (target is null != queue.OverflowAfterSeconds is null)
        {
            errors.Add(target is null ? "overflowQueue" : "overflowAfterSeconds", "Set both the overflow queue and the overflow time, or neither.");
            return;
        }

        if (target is null)
        {
            return;
        }

        OptionalRange(errors, "overflowAfterSeconds", queue.OverflowAfterSeconds, 5, 86_400);
        if (string.Equals(target, queue.Name, StringComparison.Ordinal))
        {
            errors.Add("overflowQueue", "A queue cannot overflow to itself.");
        }
        else if (!IsQueueName(target) || (queues is not null && !queues.ContainsKey(target)))
        {
            errors.Add("overflowQueue", $"There is no queue named '{target}'.");
        }
        else if (queues is not null)
        {
            // Follow the chain from the target: coming back here would move chats in a circle.
            var seen = new HashSet<string>(StringComparer.Ordinal) { queue.Name };
            for (var next = target; next is not null; next = queues.GetValueOrDefault(next))
            {
                if (!seen.Add(next))
                {
                    errors.Add("overflowQueue", $"Overflowing to '{target}' makes a circle of overflows.");
                    break;
                }
            }
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

    [GeneratedRegex(@"^[a-zA-Z0-9_-]{1,64}\z")]
    private static partial Regex QuestionIdPattern();

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
