using System.Net;
using System.Text.RegularExpressions;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// What a browser does with the desktop's forms, over plain HTTP: keeps cookies, follows no redirect, and posts a
/// form with the antiforgery token the page gave it.
/// </summary>
public sealed partial class DesktopBrowser : IDisposable
{
    private readonly HttpClient _client;

    /// <param name="forwardedFor">The browser's address as the trusted proxy (loopback) reports it, for per-address limits.</param>
    /// <param name="host">A <c>Host</c> header of the browser's (or an attacker's) choosing.</param>
    public DesktopBrowser(IParleyAddress server, string? forwardedFor = null, string? host = null)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = server.BaseAddress };
        if (forwardedFor is not null)
        {
            _client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        _client.DefaultRequestHeaders.Host = host;
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _client;

    /// <summary>Signs in on the sign-in form; the answer is the form post's (a redirect to the desk when it worked).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string username, string password = ParleyClient.AgentPassword, string? returnUrl = null)
    {
        var token = await FormTokenAsync("agent/login");
        var form = returnUrl is null ? "agent/login" : $"agent/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        return await _client.PostAsync(form, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Username"] = username,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>The sign-out button of the desk's top bar: a form post with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> SignOutAsync(bool withToken = true)
    {
        var fields = new Dictionary<string, string>();
        if (withToken)
        {
            fields["__RequestVerificationToken"] = await FormTokenAsync("agent/login");
        }

        return await _client.PostAsync("agent/logout", new FormUrlEncodedContent(fields));
    }

    /// <summary>The antiforgery token of a form on <paramref name="page"/>.</summary>
    public async Task<string> FormTokenAsync(string page)
    {
        var html = await _client.GetStringAsync(page);
        return TokenField().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{page} has no antiforgery token.");
    }

    /// <summary>A signed-in browser's copy of its cookies, as another machine would replay them.</summary>
    public string CookieHeader => Cookies.GetCookieHeader(_client.BaseAddress!);

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
