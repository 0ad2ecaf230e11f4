using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Agents;

/// <summary>
/// <c>parley reset-password &lt;username&gt;</c> run as a real child process against a server's data directory: the
/// new password signs in, the account's sessions end (in a running core within Parley:Sessions:RevalidateInterval),
/// and the exit code says what happened.
/// </summary>
public sealed class ResetPasswordCommandTests
{
    private const string NewPassword = "a-brand-new-admin-password";

    [Fact]
    public async Task The_verb_sets_the_password_and_ends_the_sessions_of_a_stopped_server()
    {
        var directory = Directory.CreateTempSubdirectory("parley-reset-").FullName;
        try
        {
            string oldToken;
            await using (var server = new ParleyServer(directory))
            {
                oldToken = await server.LoginAsync("admin");
            }

            var (exitCode, output, error) = await RunVerbAsync(directory, "admin", NewPassword);
            Assert.True(exitCode == 0, $"exit {exitCode}: {output} {error}");
            Assert.Contains("The password of 'admin' is set; 1 session(s) ended", output, StringComparison.Ordinal);

            await using var restarted = new ParleyServer(directory);
            using (var old = restarted.CreateClient(oldToken))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("api/v1/admin/agents")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(restarted, "admin", ParleyServer.AgentPassword));
            using var admin = restarted.CreateClient(await restarted.LoginAsync("admin", NewPassword));
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/v1/admin/agents")).StatusCode);
        }
        finally
        {
            ParleyServer.TryDelete(directory);
        }
    }

    [Fact]
    public async Task A_running_core_ends_the_accounts_sessions_and_takes_the_new_password_within_the_revalidate_interval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = new ParleyServer(time: time);
        var token = await server.LoginAsync("admin");
        await using var hub = await server.ConnectAsync("hubs/agent", token);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        var (exitCode, output, error) = await RunVerbAsync(server.DataDirectory, "admin", NewPassword);
        Assert.True(exitCode == 0, $"exit {exitCode}: {output} {error}");

        // Within the bound (10 s by default) the running core notices: the hub connection closes, the token is refused
        // and the new password signs in.
        Assert.False(closed.Task.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using (var old = server.CreateClient(token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("api/v1/admin/agents")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(server, "admin", NewPassword));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(server, "admin", ParleyServer.AgentPassword));
    }

    [Fact]
    public async Task An_unknown_user_exits_2_and_a_short_password_exits_1_changing_nothing()
    {
        var directory = Directory.CreateTempSubdirectory("parley-reset-").FullName;
        try
        {
            await using (new ParleyServer(directory))
            {
            }

            var unknown = await RunVerbAsync(directory, "nobody", NewPassword);
            Assert.Equal(2, unknown.ExitCode);
            Assert.Contains("There is no account 'nobody'", unknown.Error, StringComparison.Ordinal);

            var tooShort = await RunVerbAsync(directory, "admin", "short");
            Assert.Equal(1, tooShort.ExitCode);
            Assert.Contains("The password must be 12–256 characters", tooShort.Error, StringComparison.Ordinal);

            var noDatabase = await RunVerbAsync(Path.Combine(directory, "elsewhere"), "admin", NewPassword);
            Assert.Equal(1, noDatabase.ExitCode);
            Assert.Contains("There is no database at", noDatabase.Error, StringComparison.Ordinal);

            await using var restarted = new ParleyServer(directory);
            Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(restarted, "admin", ParleyServer.AgentPassword));
        }
        finally
        {
            ParleyServer.TryDelete(directory);
        }
    }

    private static Task<(int ExitCode, string Output, string Error)> RunVerbAsync(string dataDirectory, string username, string password) =>
        ParleyVerb.ResetPasswordAsync(username, password, new Dictionary<string, string?> { ["Parley:DataDirectory"] = dataDirectory });

    private static async Task<HttpStatusCode> LoginStatusAsync(ParleyServer server, string username, string password)
    {
        using var client = server.CreateClient();
        return (await client.PostAsJsonAsync("api/v1/agent/login", new { username, password })).StatusCode;
    }
}
