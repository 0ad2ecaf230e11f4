using System.Net;
using System.Net.Http.Json;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Agents;

public sealed class AgentApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ParleyServer _server = fixture.Server;

    [Fact]
    public async Task Login_with_the_right_password_returns_a_bearer_token()
    {
        using var client = _server.CreateClient();
        var response = await client.PostAsJsonAsync("api/v1/agent/login", new { username = "alice", password = ParleyServer.AgentPassword });

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<LoginBody>();
        Assert.Equal("Alice Adams", body!.DisplayName);
        Assert.True(body.ExpiresAt > DateTimeOffset.UtcNow.AddHours(1));
    }

    [Theory]
    [InlineData("alice", "wrong-password")]
    [InlineData("nobody", ParleyServer.AgentPassword)]
    [InlineData("alice", "")]
    public async Task Login_with_wrong_credentials_is_401_problem_details(string username, string password)
    {
        using var client = _server.CreateClient();
        var response = await client.PostAsJsonAsync("api/v1/agent/login", new { username, password });

        await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "Wrong username or password.");
    }

    [Fact]
    public async Task The_agent_hub_refuses_connections_without_an_agent_token()
    {
        var conversation = await _server.StartConversationAsync();
        var anonymous = await _server.ConnectAsync("hubs/agent", "", start: false);
        var customer = await _server.ConnectAsync("hubs/agent", conversation.CustomerToken, start: false);

        await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
        await Assert.ThrowsAsync<HttpRequestException>(() => customer.StartAsync());
    }

    [Fact]
    public async Task A_supervisor_reads_any_transcript_and_an_agent_only_their_own()
    {
        var conversation = await _server.StartConversationAsync();
        using var supervisor = _server.CreateClient(await _server.LoginAsync("alice"));
        using var agent = _server.CreateClient(await _server.LoginAsync("bob"));
        using var anonymous = _server.CreateClient();
        var url = $"api/v1/agent/conversations/{conversation.ConversationId}/messages";

        var transcript = await supervisor.GetFromJsonAsync<List<MessageView>>(url, TestJson.Options);

        Assert.Equal(1, Assert.Single(transcript!).Seq);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_desktop_and_admin_pages_send_a_signed_out_browser_to_the_sign_in_form()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server.BaseAddress };

        var desk = await client.GetAsync("agent");
        var admin = await client.GetAsync("admin");
        var login = await client.GetAsync("agent/login");

        Assert.Equal(HttpStatusCode.Redirect, desk.StatusCode);
        Assert.StartsWith("/agent/login", desk.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Sign in", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private sealed record LoginBody(string Token, DateTimeOffset ExpiresAt, string DisplayName);
}
