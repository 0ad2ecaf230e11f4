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

    /// <summary>
    /// Null while a chat's agent may still change its code and tags (it is open, or ended at most
    /// <paramref name="window"/> ago), else the reason. Supervisors of its queue and admins are not asked.
    /// </summary>
    public static string? CheckChangeWindow(DateTimeOffset? endedAt, DateTimeOffset now, TimeSpan window) =>
        endedAt is { } ended && now > ended + window
            ? $"This chat ended more than {Hours(window)} ago, so its wrap-up code and tags are settled. A supervisor of its queue or an admin can still change them."
            : null;

    private static string Hours(TimeSpan window) =>
        window.TotalHours >= 1 && window.TotalHours == Math.Floor(window.TotalHours) ? $"{window.TotalHours:0} hour{(window.TotalHours == 1 ? "" : "s")}" : $"{window.TotalMinutes:0} minutes";

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]{0,31}\z")]
    private static partial Regex CodePattern();
}
