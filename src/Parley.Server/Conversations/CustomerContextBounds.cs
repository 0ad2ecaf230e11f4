using System.Globalization;
using System.Text;
using Parley.Server.Contracts;

namespace Parley.Server.Conversations;

/// <summary>
/// Bounds what a browser says about itself before anything keeps it: control and broken characters stripped, texts cut
/// to a length, URLs kept only when absolute http or https, an offset only within ±14 hours. A field that fails is
/// dropped, never the start: this is context for the agent, not something the customer must get right.
/// </summary>
public static class CustomerContextBounds
{
    public const int MaxUrlLength = 2048;
    public const int MaxTitleLength = 200;
    public const int MaxUserAgentLength = 512;
    public const int MaxBrands = 8;
    public const int MaxBrandLength = 64;
    public const int MaxPlatformLength = 64;
    public const int MaxOffsetMinutes = 14 * 60;

    /// <summary>The context with every field bounded; null when nothing is left of it.</summary>
    public static CustomerContext? Bound(CustomerContext? context)
    {
        if (context is null)
        {
            return null;
        }

        var bounded = new CustomerContext(
            Url(context.PageUrl),
            Text(context.PageTitle, MaxTitleLength),
            Url(context.Referrer),
            Text(context.UserAgent, MaxUserAgentLength),
            Brands(context.Brands),
            Text(context.Platform, MaxPlatformLength),
            context.UtcOffsetMinutes is { } offset && Math.Abs(offset) <= MaxOffsetMinutes ? offset : null);
        return bounded == Empty ? null : bounded;
    }

    private static readonly CustomerContext Empty = new();

    /// <summary>An absolute http(s) URL in its escaped form (safe in an href), or null.</summary>
    public static string? Url(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxUrlLength || value.Any(char.IsControl)
            || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0)
        {
            return null;
        }

        var absolute = uri.AbsoluteUri;
        return absolute.Length <= MaxUrlLength ? absolute : null;
    }

    /// <summary>The text without control or broken characters, whitespace collapsed at the ends, cut to <paramref name="max"/> characters (never inside a character); null when empty.</summary>
    public static string? Text(string? value, int max)
    {
        if (value is null)
        {
            return null;
        }

        var kept = new StringBuilder(Math.Min(value.Length, max + 16));
        var elements = StringInfo.GetTextElementEnumerator(value);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            if (element.Any(c => char.IsControl(c) || (char.IsSurrogate(c) && element.Length == 1) || c is '\u2028' or '\u2029'))
            {
                continue;
            }

            if (kept.Length + element.Length > max)
            {
                break;
            }

            kept.Append(element);
        }

        var text = kept.ToString().Trim();
        return text.Length == 0 ? null : text;
    }

    private static List<string>? Brands(IReadOnlyList<string>? brands)
    {
        var kept = (brands ?? []).Select(b => Text(b, MaxBrandLength)).OfType<string>().Distinct(StringComparer.Ordinal).Take(MaxBrands).ToList();
        return kept.Count == 0 ? null : kept;
    }
}
