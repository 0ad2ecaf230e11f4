using Parley.Server.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>Checks a customer's pre-chat answers against the queue's questions.</summary>
public static class PreChatAnswers
{
    public const int MaxAnswerLength = 500;

    public static Dictionary<string, string> Validate(QueueRecord queue, IReadOnlyDictionary<string, string>? answers)
    {
        answers ??= new Dictionary<string, string>();
        var questions = queue.Questions.ToDictionary(q => q.Id, StringComparer.Ordinal);
        if (!ValidText.All(answers.Keys) || !ValidText.All(answers.Values))
        {
            throw new CoreException(CoreError.Invalid, ValidText.Error);
        }

        var unknown = answers.Keys.FirstOrDefault(k => !questions.ContainsKey(k));
        if (unknown is not null)
        {
            throw new CoreException(CoreError.Invalid, $"'{Shorten(unknown)}' is not a question of this queue.");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in queue.Questions)
        {
            var answer = answers.GetValueOrDefault(question.Id)?.Trim();
            if (string.IsNullOrEmpty(answer))
            {
                if (question.Required)
                {
                    throw new CoreException(CoreError.Invalid, $"Please answer: {question.Label}");
                }

                continue;
            }

            if (answer.Length > MaxAnswerLength)
            {
                throw new CoreException(CoreError.Invalid, $"The answer to '{question.Label}' is longer than {MaxAnswerLength} characters.");
            }

            if (question.Type == "choice" && !question.Options.Contains(answer, StringComparer.Ordinal))
            {
                throw new CoreException(CoreError.Invalid, $"'{Shorten(answer)}' is not one of the choices for '{question.Label}'.");
            }

            result[question.Id] = answer;
        }

        return result;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
