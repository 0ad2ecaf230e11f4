using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Parley.Server.Agents;

namespace Parley.Server.Tests.Agents;

/// <summary>
/// Which scheme reads an agent's credentials: a bearer token on agent and admin paths; on a customer's path the bearer
/// token is the customer's, and trying it as an agent's (a decryption that fails with an exception on every customer
/// call) is skipped.
/// </summary>
public sealed class AgentSchemeTests
{
    [Theory]
    [InlineData("/api/v1/agent/conversations", "Bearer abc", null, AgentAuthentication.BearerScheme)]
    [InlineData("/api/v1/admin/queues", "Bearer abc", null, AgentAuthentication.BearerScheme)]
    [InlineData("/hubs/agent", null, "abc", AgentAuthentication.BearerScheme)]
    [InlineData("/agent", null, null, CookieAuthenticationDefaults.AuthenticationScheme)]
    [InlineData("/hubs/customer", "Bearer abc", "abc", CookieAuthenticationDefaults.AuthenticationScheme)]
    [InlineData("/hubs/customer/negotiate", "Bearer abc", null, CookieAuthenticationDefaults.AuthenticationScheme)]
    [InlineData("/api/v1/conversations/3f0c0000-0000-0000-0000-000000000001/messages", "Bearer abc", null, CookieAuthenticationDefaults.AuthenticationScheme)]
    [InlineData("/api/v1/queues/support", "Bearer abc", null, CookieAuthenticationDefaults.AuthenticationScheme)]
    public void A_request_is_read_by_the_agent_scheme_its_path_calls_for(string path, string? authorization, string? accessToken, string scheme)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = path;
        if (authorization is not null)
        {
            http.Request.Headers.Authorization = authorization;
        }

        if (accessToken is not null)
        {
            http.Request.QueryString = new QueryString("?access_token=" + accessToken);
        }

        Assert.Equal(scheme, AgentAuthentication.SchemeFor(http.Request));
    }
}
