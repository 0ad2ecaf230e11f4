using System.Net;
using System.Net.Http.Json;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Agents;

/// <summary>
/// Failed sign-ins on both paths (REST and the form), from addresses given with X-Forwarded-For (believed from
/// loopback): 10 failures per address in 5 minutes, a back-off per username and address, never a lockout for everyone.
/// </summary>
public sealed class SignInLimitTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ParleyServer _server = fixture.Server;

    [Fact]
    public async Task Rest_the_eleventh_failure_from_an_address_is_429_with_retry_after_and_other_addresses_still_sign_in()
    {
        using var attacker = Client("203.0.113.11");
        using var alice = Client("198.51.100.11");
        for (var i = 1; i <= 10; i++)
        {
            var failed = await attacker.Http.PostAsJsonAsync("api/v1/agent/login", new { username = $"guess-{i}", password = "wrong" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var limited = await attacker.Http.PostAsJsonAsync("api/v1/agent/login", new { username = "guess-11", password = "wrong" });
        // No password is checked while limited: even the right one is refused from there.
        var rightPasswordFromThere = await attacker.Http.PostAsJsonAsync("api/v1/agent/login", new { username = "alice", password = ParleyServer.AgentPassword });
        var fromElsewhere = await alice.Http.PostAsJsonAsync("api/v1/agent/login", new { username = "alice", password = ParleyServer.AgentPassword });

        await CustomerApiTests.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, "Too many failed sign-ins from here. Try again in 5 minutes.");
        Assert.InRange(limited.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 295, 300);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightPasswordFromThere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromElsewhere.StatusCode);
    }

    [Fact]
    public async Task Rest_one_username_backs_off_at_one_address_only()
    {
        using var attacker = Client("203.0.113.12");
        using var alice = Client("198.51.100.12");
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.Http.PostAsJsonAsync("api/v1/agent/login", new { username = "alice", password = $"guess-{i}" })).StatusCode);
        }

        var backedOff = await attacker.Http.PostAsJsonAsync("api/v1/agent/login", new { username = "alice", password = "guess-4" });
        var otherUser = await attacker.Http.PostAsJsonAsync("api/v1/agent/login", new { username = "bob", password = ParleyServer.AgentPassword });
        var fromElsewhere = await alice.Http.PostAsJsonAsync("api/v1/agent/login", new { username = "Alice", password = ParleyServer.AgentPassword });

        await CustomerApiTests.AssertProblemAsync(backedOff, HttpStatusCode.TooManyRequests, "Try again in 1 minute.");
        Assert.InRange(backedOff.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 55, 60);
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromElsewhere.StatusCode);
    }

    [Fact]
    public async Task Form_the_eleventh_failure_from_an_address_is_429_with_retry_after_and_a_message_and_other_addresses_still_sign_in()
    {
        using var attacker = Client("203.0.113.13");
        using var alice = Client("198.51.100.13");
        for (var i = 1; i <= 10; i++)
        {
            var failed = await PostFormAsync(attacker, $"guess-{i}", "wrong");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Contains("Wrong username or password.", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var limited = await PostFormAsync(attacker, "alice", ParleyServer.AgentPassword);
        var fromElsewhere = await PostFormAsync(alice, "alice", ParleyServer.AgentPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 295, 300);
        var page = await limited.Content.ReadAsStringAsync();
        Assert.Contains("Too many failed sign-ins from here. Try again in 5 minutes.", page, StringComparison.Ordinal);
        Assert.DoesNotContain(limited.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("parley.agent=", StringComparison.Ordinal)));
        AssertSignedIn(fromElsewhere);
    }

    [Fact]
    public async Task Form_one_username_backs_off_at_one_address_and_the_user_still_signs_in_from_another()
    {
        using var attacker = Client("203.0.113.14");
        using var alice = Client("198.51.100.14");
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(attacker, "alice", $"guess-{i}")).StatusCode);
        }

        var backedOff = await PostFormAsync(attacker, "alice", ParleyServer.AgentPassword);
        var fromElsewhere = await PostFormAsync(alice, "alice", ParleyServer.AgentPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, backedOff.StatusCode);
        Assert.InRange(backedOff.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 55, 60);
        Assert.Contains("Try again in 1 minute.", await backedOff.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertSignedIn(fromElsewhere);
    }

    /// <summary>A browser at <paramref name="address"/>: its own cookies, redirects not followed.</summary>
    private DesktopBrowser Client(string address) => new(_server, forwardedFor: address);

    private static Task<HttpResponseMessage> PostFormAsync(DesktopBrowser browser, string username, string password) => browser.SignInAsync(username, password);

    private static void AssertSignedIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/agent", new Uri(new Uri("http://host/"), response.Headers.Location!).AbsolutePath);
        Assert.Contains(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("parley.agent=", StringComparison.Ordinal)));
    }
}
