namespace Parley.Server.Conversations;

/// <summary>
/// Names the browser and the operating system from a user agent string, for an agent to read ("Chrome 120", "macOS").
/// Only the common ones, by their well-known tokens (order matters: Edge and Opera also say "Chrome", Chrome also says
/// "Safari", iPadOS also says "Mac OS X"); anything else is "Other". A hint for a person, never a decision.
/// </summary>
public static class BrowserClassifier
{
    public const string Other = "Other";

    // Token → name; the version follows the token up to the first character that is not a digit.
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("EdgiOS/", "Edge"), ("EdgA/", "Edge"), ("Edg/", "Edge"), ("Edge/", "Edge"),
        ("OPR/", "Opera"), ("OPT/", "Opera"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("YaBrowser/", "Yandex"),
        ("Vivaldi/", "Vivaldi"),
        ("FxiOS/", "Firefox"), ("Firefox/", "Firefox"),
        ("CriOS/", "Chrome"), ("Chromium/", "Chromium"), ("Chrome/", "Chrome"),
        ("MSIE ", "Internet Explorer"), ("Trident/", "Internet Explorer"),
    ];

    public static string Browser(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return Other;
        }

        foreach (var (token, name) in Browsers)
        {
            var at = userAgent.IndexOf(token, StringComparison.Ordinal);
            if (at >= 0)
            {
                // Trident/7.0 is Internet Explorer 11: its own number is not the browser's.
                return token == "Trident/" ? Versioned(name, userAgent, "rv:") : WithVersion(name, userAgent, at + token.Length);
            }
        }

        // Safari says its version in "Version/"; other WebKit browsers without it are not Safari.
        return userAgent.Contains("Safari/", StringComparison.Ordinal) && userAgent.Contains("Version/", StringComparison.Ordinal)
            ? Versioned("Safari", userAgent, "Version/")
            : Other;
    }

    /// <param name="platform">The browser's <c>navigator.userAgentData.platform</c>, used when the string names no system (a reduced user agent).</param>
    public static string OperatingSystem(string? userAgent, string? platform = null)
    {
        var ua = userAgent ?? "";
        if (ua.Contains("Windows", StringComparison.Ordinal))
        {
            return "Windows";
        }

        if (ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal) || ua.Contains("iPod", StringComparison.Ordinal))
        {
            return "iOS";
        }

        if (ua.Contains("Android", StringComparison.Ordinal))
        {
            return "Android";
        }

        if (ua.Contains("CrOS", StringComparison.Ordinal))
        {
            return "ChromeOS";
        }

        if (ua.Contains("Mac OS X", StringComparison.Ordinal) || ua.Contains("Macintosh", StringComparison.Ordinal))
        {
            return "macOS";
        }

        if (ua.Contains("Linux", StringComparison.Ordinal) || ua.Contains("X11", StringComparison.Ordinal))
        {
            return "Linux";
        }

        return platform switch
        {
            "Windows" or "macOS" or "Android" or "Linux" or "iOS" => platform,
            "Chrome OS" or "ChromeOS" => "ChromeOS",
            _ => Other,
        };
    }

    private static string Versioned(string name, string userAgent, string marker)
    {
        var at = userAgent.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? name : WithVersion(name, userAgent, at + marker.Length);
    }

    private static string WithVersion(string name, string userAgent, int start)
    {
        var end = start;
        while (end < userAgent.Length && end - start < 5 && char.IsAsciiDigit(userAgent[end]))
        {
            end++;
        }

        return end > start ? $"{name} {userAgent[start..end]}" : name;
    }
}
