using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Agents;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Agents;

/// <summary>
/// Sessions are revocable and rights are the account's as it is now: signing out ends that session; deleting,
/// demoting or changing the password of an account ends all of its sessions — cookies, bearer tokens and hub
/// connections — at once.
/// </summary>
public sealed class SessionTests : ServerPerTest
{
    private const string Password = "second-account-password";

    [Fact]
    public async Task A_deleted_admins_desktop_cookie_no_longer_opens_the_admin_pages_nor_the_admin_api()
    {
        await CreateAgentAsync("old-admin", ["admin"]);
        using var browser = new DesktopBrowser(Server);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("old-admin", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("admin/agents")).StatusCode);

        await AdminAsync(admin => admin.DeleteAsync("api/v1/admin/agents/old-admin"));

        var page = await browser.Http.GetAsync("admin/agents");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/agent/login", page.Headers.Location!.OriginalString.Replace(Server.BaseAddress.ToString(), "/", StringComparison.Ordinal), StringComparison.Ordinal);
        var create = await browser.Http.PutAsJsonAsync("api/v1/admin/agents/mallory", new { displayName = "Mallory", password = "mallory-password", roles = new[] { "admin" } });
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AdminAsync(admin => admin.GetAsync("api/v1/admin/agents/mallory"))).StatusCode);
    }

    [Fact]
    public async Task A_demoted_supervisors_token_and_hub_connection_no_longer_read_transcripts()
    {
        await CreateAgentAsync("old-supervisor", ["supervisor"]);
        var conversation = await Server.StartConversationAsync();
        var token = await Server.LoginAsync("old-supervisor", Password);
        using var api = Server.CreateClient(token);
        await using var hub = await Server.ConnectAsync("hubs/agent", token);
        var closed = Closed(hub);
        var url = $"api/v1/agent/conversations/{conversation.ConversationId}/messages";
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(url)).StatusCode);
        Assert.Single(await hub.InvokeAsync<List<MessageView>>("GetTranscript", conversation.ConversationId));

        await AdminAsync(admin => admin.PutAsJsonAsync("api/v1/admin/agents/old-supervisor", new { displayName = "Old Supervisor", roles = new[] { "agent" } }));

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(url)).StatusCode);
        await closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
        await Assert.ThrowsAsync<HttpRequestException>(() => Server.ConnectAsync("hubs/agent", token));
    }

    [Fact]
    public async Task A_supervisor_signed_in_again_after_demotion_is_only_an_agent()
    {
        await CreateAgentAsync("was-supervisor", ["supervisor"]);
        var conversation = await Server.StartConversationAsync();
        await AdminAsync(admin => admin.PutAsJsonAsync("api/v1/admin/agents/was-supervisor", new { displayName = "Was Supervisor", roles = new[] { "agent" } }));

        await using var hub = await Server.ConnectAsync("hubs/agent", await Server.LoginAsync("was-supervisor", Password));

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<List<MessageView>>("GetTranscript", conversation.ConversationId));
        Assert.Contains("not assigned to you", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_a_bearer_token_ends_that_session_and_its_hub_connection_but_no_other()
    {
        await CreateAgentAsync("two-devices", ["supervisor"]);
        var conversation = await Server.StartConversationAsync();
        var first = await Server.LoginAsync("two-devices", Password);
        var second = await Server.LoginAsync("two-devices", Password);
        await using var firstHub = await Server.ConnectAsync("hubs/agent", first);
        await using var secondHub = await Server.ConnectAsync("hubs/agent", second);
        var firstClosed = Closed(firstHub);
        using var firstApi = Server.CreateClient(first);
        using var secondApi = Server.CreateClient(second);
        var url = $"api/v1/agent/conversations/{conversation.ConversationId}/messages";

        Assert.Equal(HttpStatusCode.NoContent, (await firstApi.PostAsync("api/v1/agent/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await firstApi.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await firstApi.PostAsync("api/v1/agent/logout", null)).StatusCode);
        await firstClosed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, (await secondApi.GetAsync(url)).StatusCode);
        Assert.Single(await secondHub.InvokeAsync<List<MessageView>>("GetTranscript", conversation.ConversationId));
    }

    [Fact]
    public async Task A_hub_connection_closes_when_its_session_expires_on_the_servers_clock()
    {
        // A server clock two days behind the wall clock: a token it issues has expired by the wall clock from the start.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-2));
        await using var server = new ParleyServer(time: time);
        var token = await server.LoginAsync("alice");
        await using var hub = await server.ConnectAsync("hubs/agent", token);
        var closed = Closed(hub);
        // SignalR's own expiry check runs once a second on the wall clock: an observation window (not a synchronisation)
        // long enough for two of them, in which the connection must stay open.
        await Task.WhenAny(closed, Task.Delay(TimeSpan.FromSeconds(2.5)));
        var openBeforeExpiry = hub.State;
        // And it still answers.
        await hub.InvokeAsync<AgentStateView>("GetState");

        time.Advance(server.Services.GetRequiredService<IOptions<SessionOptions>>().Value.TokenLifetime);
        await closed.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HubConnectionState.Connected, openBeforeExpiry);
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    [Fact]
    public async Task A_password_change_ends_every_session_of_the_account()
    {
        await CreateAgentAsync("changes-password", ["agent"]);
        using var browser = new DesktopBrowser(Server);
        await browser.SignInAsync("changes-password", Password);
        var token = await Server.LoginAsync("changes-password", Password);
        await using var hub = await Server.ConnectAsync("hubs/agent", token);
        var closed = Closed(hub);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("agent")).StatusCode);

        await AdminAsync(admin => admin.PutAsJsonAsync("api/v1/admin/agents/changes-password", new { displayName = "Changes Password", password = "a-brand-new-password", roles = new[] { "agent" } }));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("agent")).StatusCode);
        await closed.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<HttpRequestException>(() => Server.ConnectAsync("hubs/agent", token));
        Assert.False(string.IsNullOrEmpty(await Server.LoginAsync("changes-password", "a-brand-new-password")));
    }

    [Fact]
    public async Task Signing_out_on_the_desk_ends_the_session_so_a_copied_cookie_no_longer_works()
    {
        using var browser = new DesktopBrowser(Server);
        await browser.SignInAsync("bob");
        using var thief = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Server.BaseAddress };
        thief.DefaultRequestHeaders.Add("Cookie", browser.CookieHeader);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("agent")).StatusCode);

        var signOut = await browser.SignOutAsync();

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await thief.GetAsync("agent")).StatusCode);
    }

    [Fact]
    public async Task The_desk_sign_out_refuses_a_post_without_the_antiforgery_token()
    {
        using var browser = new DesktopBrowser(Server);
        await browser.SignInAsync("bob");

        var forged = await browser.SignOutAsync(withToken: false);

        await CustomerApiTests.AssertProblemAsync(forged, HttpStatusCode.BadRequest, "sign out again");
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("agent")).StatusCode);
    }

    [Fact]
    public async Task Sessions_survive_a_restart_and_an_ended_one_stays_ended()
    {
        var directory = Directory.CreateTempSubdirectory("parley-sessions-").FullName;
        try
        {
            string kept, ended;
            await using (var server = new ParleyServer(directory))
            {
                kept = await server.LoginAsync("alice");
                ended = await server.LoginAsync("bob");
                using var bob = server.CreateClient(ended);
                Assert.Equal(HttpStatusCode.NoContent, (await bob.PostAsync("api/v1/agent/logout", null)).StatusCode);
            }

            await using var restarted = new ParleyServer(directory);
            await using var alice = await restarted.ConnectAsync("hubs/agent", kept);
            Assert.Equal(HubConnectionState.Connected, alice.State);
            await Assert.ThrowsAsync<HttpRequestException>(() => restarted.ConnectAsync("hubs/agent", ended));
        }
        finally
        {
            ParleyServer.TryDelete(directory);
        }
    }

    private async Task CreateAgentAsync(string username, string[] roles)
    {
        var response = await AdminAsync(admin => admin.PutAsJsonAsync($"api/v1/admin/agents/{username}", new { displayName = username, password = Password, roles, queues = new[] { "support" }, supervisedQueues = new[] { "support" } }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<HttpResponseMessage> AdminAsync(Func<HttpClient, Task<HttpResponseMessage>> call)
    {
        using var admin = Server.CreateClient(await Server.LoginAsync("admin"));
        return await call(admin);
    }

    private static Task Closed(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }
}
