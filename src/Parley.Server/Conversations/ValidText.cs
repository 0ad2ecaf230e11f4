namespace Parley.Server.Conversations;

/// <summary>
/// The one rule for text anyone sends in (customers, agents, admins): no U+0000 and no unpaired UTF-16
/// surrogate. Neither is a character; PostgreSQL refuses both (22021) where SQLite would store them, so every
/// free-text field is checked here at validation, the same way on every provider.
/// </summary>
public static class ValidText
{
    public const string Error = "This contains a character that is not allowed (U+0000 or a broken character).";

    public static bool Is(string? value)
    {
        if (value is null)
        {
            return true;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (c == '\0' || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether every value is valid text (keys and values of answers, options of a question).</summary>
    public static bool All(IEnumerable<string?> values) => values.All(Is);
}
