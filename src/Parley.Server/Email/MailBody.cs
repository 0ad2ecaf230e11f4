using System.Text;
using System.Text.Encodings.Web;

namespace Parley.Server.Email;

/// <summary>
/// The two parts of a mail from plain text. Every text that a customer or an agent wrote goes through
/// <see cref="Html"/>: HTML-encoded, its paragraphs and line breaks kept, so nothing they type becomes markup.
/// </summary>
public static class MailBody
{
    private const string Separator = "-- ";

    /// <summary>Plain text as HTML: each paragraph (a blank line apart) a <c>&lt;p&gt;</c>, each line break a <c>&lt;br&gt;</c>, all encoded.</summary>
    public static string Html(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new StringBuilder();
        foreach (var paragraph in Paragraphs(text))
        {
            html.Append("<p>");
            html.AppendJoin("<br>\n", paragraph.Split('\n').Select(HtmlEncoder.Default.Encode));
            html.Append("</p>\n");
        }

        return html.ToString();
    }

    /// <summary>The plain-text part: the text and, under the usual signature separator, the footer.</summary>
    public static string TextLayout(string text, string? footer = null)
    {
        var body = Normalize(text).Trim('\n');
        return string.IsNullOrWhiteSpace(footer) ? body + "\n" : $"{body}\n\n{Separator}\n{Normalize(footer).Trim('\n')}\n";
    }

    /// <summary>
    /// The HTML part: <paramref name="htmlContent"/> (already encoded, from <see cref="Html"/>) in a small, inline-styled
    /// document that mail clients show alike; the footer is encoded here.
    /// </summary>
    public static string HtmlLayout(string htmlContent, string? footer = null)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>\n");
        html.Append("<body style=\"margin:0;padding:24px;background:#f6f7f9;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2328\">\n");
        html.Append("<div style=\"max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px\">\n");
        html.Append(htmlContent);
        if (!string.IsNullOrWhiteSpace(footer))
        {
            html.Append("<hr style=\"border:none;border-top:1px solid #d0d7de;margin:24px 0 12px\">\n");
            html.Append("<div style=\"font-size:13px;color:#59636e\">").Append(Html(footer)).Append("</div>\n");
        }

        html.Append("</div>\n</body></html>\n");
        return html.ToString();
    }

    private static IEnumerable<string> Paragraphs(string text) =>
        Normalize(text).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p.Length > 0);

    private static string Normalize(string text) => text.ReplaceLineEndings("\n");
}
