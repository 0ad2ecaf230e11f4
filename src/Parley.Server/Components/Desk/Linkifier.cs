using System.Text.RegularExpressions;

namespace Parley.Server.Components.Desk;

/// <summary>
/// Finds the http and https links in a message's plain text, so the desk can make them clickable. Everything else —
/// <c>javascript:</c>, <c>data:</c>, markup — stays text. A link ends at whitespace, a quote or an angle bracket, and
/// loses the punctuation that ends a sentence ("see https://example.com." links to the site, not to "com.").
/// </summary>
public static partial class Linkifier
{
    /// <summary>A run of the text; <see cref="Href"/> is set for a link (the escaped absolute URL), null for plain text.</summary>
    public sealed record Part(string Text, string? Href = null);

    [GeneratedRegex(@"(?<![\p{L}\p{N}])https?://[^\s<>""'`]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Candidate();

    public static IReadOnlyList<Part> Split(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var parts = new List<Part>();
        var at = 0;
        try
        {
            foreach (Match match in Candidate().Matches(text))
            {
                var candidate = TrimEnd(match.Value);
                if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
                {
                    continue;
                }

                if (match.Index > at)
                {
                    parts.Add(new Part(text[at..match.Index]));
                }

                parts.Add(new Part(candidate, uri.AbsoluteUri));
                at = match.Index + candidate.Length;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Not worth a stuck render: the rest stays text.
        }

        if (at < text.Length)
        {
            parts.Add(new Part(text[at..]));
        }

        return parts;
    }

    /// <summary>Drops sentence punctuation and closing brackets that the link did not open.</summary>
    private static string TrimEnd(string url)
    {
        var end = url.Length;
        while (end > 0)
        {
            var c = url[end - 1];
            if (c is '.' or ',' or ';' or ':' or '!' or '?'
                || (c == ')' && Count(url, end, '(') < Count(url, end, ')'))
                || (c == ']' && Count(url, end, '[') < Count(url, end, ']'))
                || (c == '}' && Count(url, end, '{') < Count(url, end, '}')))
            {
                end--;
            }
            else
            {
                break;
            }
        }

        return url[..end];
    }

    private static int Count(string url, int end, char c) => url.AsSpan(0, end).Count(c);
}
