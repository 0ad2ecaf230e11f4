using Parley.Server.Conversations;

namespace Parley.Server.Tests.Conversations;

/// <summary>Browser and system names from real user agent strings; what is not known is "Other", never a guess.</summary>
public sealed class BrowserClassifierTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", "Chrome 120", "Windows")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91", "Edge 120", "Windows")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15", "Safari 17", "macOS")]
    [InlineData("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "Firefox 121", "Linux")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1", "Safari 17", "iOS")]
    [InlineData("Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1", "Chrome 120", "iOS")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/121.0 Mobile/15E148 Safari/605.1.15", "Firefox 121", "iOS")]
    [InlineData("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36", "Chrome 120", "Android")]
    [InlineData("Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36", "Samsung Internet 23", "Android")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0", "Opera 106", "Windows")]
    [InlineData("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", "Chrome 120", "ChromeOS")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko", "Internet Explorer 11", "Windows")]
    public void Common_browsers_and_systems_are_named_with_the_major_version(string userAgent, string browser, string os)
    {
        Assert.Equal(browser, BrowserClassifier.Browser(userAgent));
        Assert.Equal(os, BrowserClassifier.OperatingSystem(userAgent));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("curl/8.4.0")]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("<script>alert(1)</script>")]
    public void Anything_else_is_Other(string? userAgent)
    {
        Assert.Equal(BrowserClassifier.Other, BrowserClassifier.Browser(userAgent));
        Assert.Equal(BrowserClassifier.Other, BrowserClassifier.OperatingSystem(userAgent));
    }

    [Theory]
    [InlineData("macOS", "macOS")]
    [InlineData("Chrome OS", "ChromeOS")]
    [InlineData("Windows", "Windows")]
    [InlineData("<b>Evil</b>", "Other")]
    public void The_platform_of_userAgentData_names_the_system_when_the_string_does_not(string platform, string os) =>
        Assert.Equal(os, BrowserClassifier.OperatingSystem("Mozilla/5.0 AppleWebKit/537.36 Chrome/120.0.0.0", platform));

    [Fact]
    public void A_version_that_is_not_a_number_is_left_out() =>
        Assert.Equal("Firefox", BrowserClassifier.Browser("Mozilla/5.0 Firefox/abc"));
}
