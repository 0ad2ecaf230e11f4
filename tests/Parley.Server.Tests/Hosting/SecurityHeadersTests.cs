using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Hosting;

/// <summary>
/// Every page carries a Content-Security-Policy and may not be framed; every response says nosniff and a referrer
/// policy; widget.js stays embeddable anywhere; the Host header never steers a redirect.
/// </summary>
public sealed class SecurityHeadersTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string HostileHost = "evil.example";
    private readonly ParleyServer _server = fixture.Server;

    [Theory]
    [InlineData(null, "")]
    [InlineData(null, "agent/login")]
    [InlineData("alice", "agent")]
    [InlineData("admin", "admin")]
    [InlineData("admin", "admin/queues")]
    [InlineData("admin", "admin/agents")]
    public async Task Every_page_has_a_content_security_policy_and_may_not_be_framed(string? agent, string page)
    {
        using var client = agent is null ? _server.CreateClient() : await SignedInAsync(agent);
        var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'" })
        {
            Assert.Contains(directive, policy.Split(';', StringSplitOptions.TrimEntries));
        }

        var host = _server.BaseAddress.Authority;
        Assert.Contains($"connect-src 'self' ws://{host} wss://{host}", policy.Split(';', StringSplitOptions.TrimEntries));
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        AssertEverywhereHeaders(response);
    }

    [Theory]
    [InlineData("widget.js")]
    [InlineData("api/v1/queues/support")]
    [InlineData("healthz")]
    [InlineData("livez")]
    [InlineData("_framework/blazor.web.js")]
    [InlineData("desk/desk.css")]
    [InlineData("no-such-thing")]
    public async Task Every_response_says_nosniff_and_a_referrer_policy(string path)
    {
        using var client = _server.CreateClient();
        var response = await client.GetAsync(path);

        AssertEverywhereHeaders(response);
    }

    [Fact]
    public async Task The_widget_script_stays_embeddable_by_any_site()
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "widget.js");
        request.Headers.Add("Origin", "https://shop.example");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        foreach (var header in new[] { "Content-Security-Policy", "X-Frame-Options", "Cross-Origin-Resource-Policy", "Cross-Origin-Embedder-Policy", "Cross-Origin-Opener-Policy" })
        {
            Assert.False(response.Headers.Contains(header), $"widget.js sends {header}");
        }
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("admin")]
    [InlineData("admin/queues")]
    public async Task A_hostile_Host_header_never_steers_a_sign_in_redirect(string page)
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, page);
        request.Headers.Host = HostileHost;
        var response = await NoRedirects().SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"/agent/login?ReturnUrl=%2F{Uri.EscapeDataString(page)}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_hostile_Host_header_never_steers_the_redirect_after_signing_in()
    {
        var (client, response) = await PostSignInAsync("alice", HostileHost);
        using (client)
        {
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal("/agent", response.Headers.Location?.OriginalString);
        }
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/%5Cevil.example")]
    public async Task A_redirect_to_this_server_never_becomes_a_redirect_to_another_host(string returnUrl)
    {
        var (client, response) = await PostSignInAsync("alice", host: null, returnUrl);
        using (client)
        {
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            var location = response.Headers.Location?.OriginalString ?? "";
            Assert.True(location.StartsWith('/') && location.Length > 1 && location[1] is not ('/' or '\\'), location);
        }
    }

    private HttpClient NoRedirects() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server.BaseAddress };

    private static void AssertEverywhereHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    /// <summary>A client signed in through the sign-in form, as a browser is.</summary>
    private async Task<HttpClient> SignedInAsync(string username)
    {
        var (browser, response) = await PostSignInAsync(username, host: null);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return browser.Http;
    }

    private async Task<(DesktopBrowser Browser, HttpResponseMessage Response)> PostSignInAsync(string username, string? host, string? returnUrl = null)
    {
        var browser = new DesktopBrowser(_server, host: host);
        return (browser, await browser.SignInAsync(username, ParleyClient.AgentPassword, returnUrl));
    }
}
