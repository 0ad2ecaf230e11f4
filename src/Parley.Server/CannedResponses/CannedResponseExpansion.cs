using System.Text.RegularExpressions;

namespace Parley.Server.CannedResponses;

/// <summary>
/// Fills in a canned response's variables: <c>{customer.name}</c>, <c>{agent.name}</c>, <c>{queue.name}</c> from the
/// conversation, and prompted ones (<c>{?Order number}</c>) from what the agent typed. Pure: text in, text out. The result
/// is plain text like any message (whoever shows it encodes it); anything that is not a known variable stays as typed,
/// and what is filled in is never read again for variables (one pass), so an answer cannot pull in another value.
/// </summary>
public static partial class CannedResponseExpansion
{
    public const int MaxPromptLength = 40;

    /// <summary>The prompts of <paramref name="text"/>, each once, in the order they first appear (labels trimmed).</summary>
    public static IReadOnlyList<string> Prompts(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. Variable().Matches(text).Select(Prompt).OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The text with every known variable replaced. A conversation value that is unknown (null) and a prompt without an
    /// answer stay as typed, so the agent sees what is missing before sending.
    /// </summary>
    public static string Expand(string text, CannedResponseValues values, IReadOnlyDictionary<string, string>? answers = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        return Variable().Replace(text, match =>
        {
            var filled = Prompt(match) is { } prompt
                ? answers?.GetValueOrDefault(prompt)
                : match.Groups["name"].Value switch
                {
                    "customer.name" => values.CustomerName,
                    "agent.name" => values.AgentName,
                    "queue.name" => values.QueueName,
                    _ => null,
                };
            return filled ?? match.Value;
        });
    }

    private static string? Prompt(Match match) =>
        match.Groups["prompt"] is { Success: true } prompt && prompt.Value.Trim() is { Length: > 0 } label ? label : null;

    // {name.part} for the conversation's values, {?Label} for a prompt: one line, no braces, at most 40 characters.
    [GeneratedRegex(@"\{(?:(?<name>[a-z]+\.[a-z]+)|\?(?<prompt>[^{}\r\n]{1,40}))\}", RegexOptions.CultureInvariant)]
    private static partial Regex Variable();
}
