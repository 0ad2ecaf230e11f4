using System.Text.RegularExpressions;

namespace Parley.Server.Conversations;

/// <summary>
/// The one rule for a conversation's tags: trimmed, lower-case, 1–32 letters, digits, dashes, underscores and spaces,
/// at most <see cref="MaxPerConversation"/> per conversation. Free text otherwise: shown as text, never as markup.
/// </summary>
public static partial class TagName
{
    public const int MaxLength = 32;
    public const int MaxPerConversation = 10;

    public const string Error = "A tag is 1–32 letters, digits, dashes, underscores or spaces.";

    /// <summary>The tag as stored, or null when it is not a tag.</summary>
    public static string? Normalize(string? tag)
    {
        var trimmed = tag?.Trim().ToLowerInvariant();
        return trimmed is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(trimmed) ? trimmed : null;
    }

    [GeneratedRegex(@"^[\p{L}\p{N}\-_ ]+\z")]
    private static partial Regex Pattern();
}
