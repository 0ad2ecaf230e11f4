namespace Parley.Server.Email;

/// <summary>
/// Text that goes into a header (a subject, a recipient's name) on one line: a line break or other control character
/// becomes a space, so no text can start a header of its own (MimeKit encodes the rest).
/// </summary>
public static class MailHeaderText
{
    public static string Clean(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spaced = new string([.. text.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c)]);
        var oneLine = string.Join(' ', spaced.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= maxLength ? oneLine : oneLine[..maxLength].TrimEnd();
    }
}
