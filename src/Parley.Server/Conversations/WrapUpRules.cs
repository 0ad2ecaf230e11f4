using System.Text.RegularExpressions;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>The rules of a queue's wrap-up codes: their form, which code a chat may take, and whether it may close without one.</summary>
public static partial class WrapUpRules
{
    public const int MaxCodes = 50;
    public const int MaxLabelLength = 100;

    public const string CodeError = "Use 1–32 lower-case letters, digits, dashes and underscores, starting with a letter or digit.";

    public static bool IsCode(string? code) => code is not null && CodePattern().IsMatch(code);

    /// <summary>Null when <paramref name="code"/> is one of the queue's codes, else the reason in plain words.</summary>
    public static string? CheckChoice(IReadOnlyList<WrapUpCodeRecord> codes, string? code) =>
        codes.Count == 0 ? "This queue has no wrap-up codes."
        : codes.Any(c => c.Code == code) ? null
        : $"'{code}' is not a wrap-up code of this queue. Use one of: {string.Join(", ", codes.Select(c => c.Code))}.";

    /// <summary>Null when the chat may close with <paramref name="chosen"/> (null: none yet), else the reason.</summary>
    public static string? CheckClose(bool required, IReadOnlyList<WrapUpCodeRecord> codes, string? chosen) =>
        required && codes.Count > 0 && chosen is null ? "Choose a wrap-up code before closing this chat." : null;

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]{0,31}\z")]
    private static partial Regex CodePattern();
}
