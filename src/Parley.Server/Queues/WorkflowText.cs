using System.Text.RegularExpressions;

namespace Parley.Server.Queues;

/// <summary>
/// The placeholders of a workflow's texts: <c>{agent.name}</c>, <c>{customer.name}</c> and <c>{queue.name}</c> (the
/// queue's display name). Replaced as plain text; whoever shows the result encodes it.
/// </summary>
public static partial class WorkflowText
{
    public static readonly IReadOnlyList<string> Placeholders = ["{agent.name}", "{customer.name}", "{queue.name}"];

    /// <summary>The placeholders in <paramref name="text"/> that are not one of <see cref="Placeholders"/>.</summary>
    public static IEnumerable<string> UnknownPlaceholders(string? text) =>
        text is null ? [] : Placeholder().Matches(text).Select(m => m.Value).Where(p => !Placeholders.Contains(p, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal);

    /// <summary>The text with its placeholders filled in; an unknown name (none after validation) reads as empty.</summary>
    public static string Render(string text, string? agentName, string? customerName, string? queueName) =>
        Placeholder().Replace(text, m => m.Value switch
        {
            "{agent.name}" => agentName ?? "",
            "{customer.name}" => customerName ?? "",
            "{queue.name}" => queueName ?? "",
            _ => "",
        });

    [GeneratedRegex(@"\{[^{}\s]*\}")]
    private static partial Regex Placeholder();
}
