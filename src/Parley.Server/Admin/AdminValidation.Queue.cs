using System.Text.RegularExpressions;
using Parley.Routing;
using Parley.Server.Calendars;
using Parley.Server.Conversations;
using Parley.Server.Queues;

namespace Parley.Server.Admin;

// The checks of a queue definition: settings, pre-chat questions, answer rules, overflow.
public static partial class AdminValidation
{
    /// <summary>Checks a queue.</summary>
    /// <param name="queues">
    /// The queues that will exist (name → its overflow target), to check the overflow target and overflow cycles;
    /// null checks the queue on its own.
    /// </param>
    /// <param name="calendarExists">Whether a business calendar of that name exists; null checks only the name's form.</param>
    public static Dictionary<string, string[]> ValidateQueue(QueueDefinition queue, IReadOnlyDictionary<string, string?>? queues, Func<string, bool>? calendarExists = null)
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

        CheckText(errors, "welcome", queue.Welcome);

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
        if (queue.AttachmentMaxBytes is < 1 or > 64 * 1024 * 1024)
        {
            // In sizes, not a byte count: the admin page asks in KB.
            errors.Add("attachmentMaxBytes", "Must be more than 0 and at most 64 MB.");
        }

        foreach (var type in queue.AttachmentTypes ?? [])
        {
            if (Parley.Server.Files.FileType.FromContentType(type?.Trim() ?? "") is null)
            {
                errors.Add("attachmentTypes", $"Use types the file engine knows: {string.Join(", ", Parley.Server.Files.FileType.All.Select(t => t.ContentType))}.");
                break;
            }
        }
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
        if (!Enum.IsDefined(queue.Strategy))
        {
            errors.Add("strategy", $"Use one of: {string.Join(", ", QueueStrategies.Names)}.");
        }

        OptionalRange(errors, "priorityAgingSeconds", queue.PriorityAgingSeconds, 5, 86_400);
        Range(errors, "affinitySeconds", queue.AffinitySeconds, 0, 3_600);
        OptionalRange(errors, "retentionDays", queue.RetentionDays, 1, 3_650);
        CheckAvailability(errors, queue, calendarExists);
        CheckWorkflow(errors, queue.Workflow);
        Range(errors, "serviceLevelSeconds", queue.ServiceLevelSeconds, 1, 3_600);
        if (!(queue.ServiceLevelTarget is >= 0 and <= 1))
        {
            errors.Add("serviceLevelTarget", "A share from 0 to 1, such as 0.8 for 80 %.");
        }

        Range(errors, "shortAbandonSeconds", queue.ShortAbandonSeconds, 0, 600);
        CheckWrapUpCodes(errors, queue);
        return errors.ToDictionary();
    }

    private static void CheckAvailability(ErrorList errors, QueueDefinition queue, Func<string, bool>? calendarExists)
    {
        var calendar = string.IsNullOrWhiteSpace(queue.Calendar) ? null : queue.Calendar.Trim();
        if (calendar is not null && !CalendarValidation.IsCalendarName(calendar))
        {
            errors.Add("calendar", "Use the name of a calendar: 1–64 lower-case letters, digits and dashes.");
        }
        else if (calendar is not null && calendarExists is not null && !calendarExists(calendar))
        {
            errors.Add("calendar", $"There is no calendar named '{calendar}'.");
        }

        if (!Enum.IsDefined(queue.ClosedPolicy))
        {
            errors.Add("closedPolicy", "Use queue, message or hide.");
        }

        if (!Enum.IsDefined(queue.NoAgentsPolicy))
        {
            errors.Add("noAgentsPolicy", "Use queue, message or hide.");
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

            CheckText(errors, $"{path}.label", question.Label);

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
                        else if (!ValidText.Is(option))
                        {
                            errors.Add($"{path}.options[{j}]", ValidText.Error);
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
        else if (!ValidText.Is(answer))
        {
            errors.Add($"{path}.answer", ValidText.Error);
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

    [GeneratedRegex(@"^[a-zA-Z0-9_-]{1,64}\z")]
    private static partial Regex QuestionIdPattern();
}
