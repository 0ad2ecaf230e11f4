namespace Parley.Server.Conversations;

/// <summary>The one rule for message text, applied to customers and agents alike.</summary>
public static class MessageText
{
    public const int MaxLength = 4000;
    public const int MaxClientMessageIdLength = 64;

    /// <summary>Returns the text to store (trimmed), or an error in plain words.</summary>
    public static (string? Text, string? Error) Normalize(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return (null, "The message is empty.");
        }

        if (!ValidText.Is(trimmed))
        {
            return (null, ValidText.Error);
        }

        return trimmed.Length > MaxLength
            ? (null, $"The message is longer than {MaxLength:N0} characters.")
            : (trimmed, null);
    }

    public static string? CheckClientMessageId(string? clientMessageId) =>
        string.IsNullOrWhiteSpace(clientMessageId) || clientMessageId.Length > MaxClientMessageIdLength
            ? $"clientMessageId is required (at most {MaxClientMessageIdLength} characters, a UUID is best)."
            : ValidText.Is(clientMessageId) ? null : "clientMessageId: " + ValidText.Error;
}
