using System.Text.RegularExpressions;
using Parley.Server.Conversations;

namespace Parley.Server.CannedResponses;

/// <summary>
/// The checks of a canned response, keyed by field like the admin forms: <c>shortcut</c> (<c>[a-z0-9-]{1,32}</c>),
/// <c>title</c> (1–100 characters, one line), <c>text</c> (the rules of a message: 1–4,000 characters) and
/// <c>attachmentId</c> (not the empty id). The text is stored as typed (trimmed): it is plain text, shown encoded.
/// </summary>
public static partial class CannedResponseValidation
{
    public const int MaxTitleLength = 100;

    public static (CannedResponseInput? Valid, Dictionary<string, string[]> Errors) Validate(CannedResponseInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var shortcut = input.Shortcut?.Trim().TrimStart('/');
        if (string.IsNullOrEmpty(shortcut) || !Shortcut().IsMatch(shortcut))
        {
            errors["shortcut"] = ["Use 1–32 lower-case letters, digits or hyphens, such as 'refund'."];
        }

        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > MaxTitleLength)
        {
            errors["title"] = [$"Write 1–{MaxTitleLength} characters."];
        }
        else if (!ValidText.Is(title) || title.Any(char.IsControl))
        {
            errors["title"] = ["Use one line of text, without control characters."];
        }

        var (text, textError) = MessageText.Normalize(input.Text);
        if (textError is not null)
        {
            errors["text"] = [textError];
        }

        if (input.AttachmentId == Guid.Empty)
        {
            errors["attachmentId"] = ["Leave it out, or give the id of an uploaded file."];
        }

        return errors.Count > 0 ? (null, errors) : (input with { Shortcut = shortcut, Title = title, Text = text }, errors);
    }

    [GeneratedRegex("^[a-z0-9-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shortcut();
}
