using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Parley.Routing;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Storage;

/// <summary>What outlives the core process, on every provider: an agent's presence, and a password set by the verb.</summary>
public abstract partial class StorageSpecification
{
    [Fact]
    public async Task An_agents_presence_is_kept_across_a_restart_and_restored_when_they_reconnect()
    {
        // One data directory for both runs: the token stays readable (its key ring), the database is the provider's.
        using var directory = new TemporaryDirectory();
        string token;
        await using (var server = new ParleyServer(directory.FullName, Database.ServerSettings()))
        {
            token = await server.LoginAsync("alice");
            await using var alice = await server.ConnectAsync("hubs/agent", token);
            await alice.InvokeAsync("SetPresenceWithReason", "away", "Lunch");
        }

        await using (var context = Database.CreateContext())
        {
            var stored = await context.Agents.AsNoTracking().Where(a => a.Username == "alice").Select(a => new { a.LastPresence, a.LastPresenceReason }).SingleAsync();
            Assert.Equal((AgentPresence.Away, "Lunch"), (stored.LastPresence, stored.LastPresenceReason));
        }

        await using var restarted = new ParleyServer(directory.FullName, Database.ServerSettings());
        var session = new AgentSession("alice", await restarted.ConnectAsync("hubs/agent", token, start: false));
        await using var _ = session;
        await session.Connection.StartAsync();
        var state = await session.State.WaitForAsync(s => s.Presence == AgentPresence.Away, "Alice Away again");
        Assert.Equal("Lunch", state.Reason);
    }

    [Fact]
    public async Task The_reset_password_verb_sets_the_password_and_ends_the_sessions_in_this_database()
    {
        using var directory = new TemporaryDirectory();
        string token;
        await using (var server = new ParleyServer(directory.FullName, Database.ServerSettings()))
        {
            token = await server.LoginAsync("admin");
        }

        var (exitCode, output, error) = await ParleyVerb.ResetPasswordAsync("admin", "reset-on-every-provider", Database.ServerSettings());
        Assert.True(exitCode == 0, $"exit {exitCode}: {output} {error}");

        await using var restarted = new ParleyServer(directory.FullName, Database.ServerSettings());
        using (var old = restarted.CreateClient(token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("api/v1/admin/agents")).StatusCode);
        }

        using var client = restarted.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("api/v1/agent/login", new { username = "admin", password = "reset-on-every-provider" })).StatusCode);
        Assert.Equal(ResetPasswordUnknownUser, (await ParleyVerb.ResetPasswordAsync("nobody", "reset-on-every-provider", Database.ServerSettings())).ExitCode);
    }

    private const int ResetPasswordUnknownUser = 2;

    private sealed class TemporaryDirectory : IDisposable
    {
        public string FullName { get; } = Directory.CreateTempSubdirectory("parley-recovery-").FullName;

        public void Dispose() => ParleyServer.TryDelete(FullName);
    }
}
