using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Reporting;

/// <summary>
/// A crash loses no fact: the server, a child process, is killed (SIGKILL) right after the agent's accept and the
/// customer's message were acknowledged; the facts of both are in the database. The restart then records that it
/// signed the agent out.
/// </summary>
public sealed class ReportFactsCrashTests
{
    [Fact]
    public async Task Facts_of_acknowledged_changes_survive_a_kill_and_the_restart_signs_the_agents_out()
    {
        var server = new ServerProcess(new Dictionary<string, string?>());
        try
        {
            await server.StartAsync();
            Guid conversationId;
            await using (var bob = await server.ConnectAgentAsync("bob"))
            {
                await bob.GoAvailableAsync();
                await using var ann = await CustomerSession.StartAsync(server);
                conversationId = ann.Id;
                await bob.AcceptAsync(ann.Id);
                await bob.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "Hello");
                await server.KillAsync();
            }

            await using (var database = server.OpenDatabase())
            {
                var facts = await new ReportEventQueries(database).OfConversationAsync(conversationId, CancellationToken.None);
                Assert.Equal(["queued", "offered", "accepted", "firstReply"], facts.Select(f => f.Kind));
                var bobStates = await new ReportEventQueries(database).StatesOfAgentAsync("bob", CancellationToken.None);
                Assert.Equal(("Available", 1), (bobStates[^1].Presence, bobStates[^1].Active));
            }

            int before;
            await using (var database = server.OpenDatabase())
            {
                before = (await new ReportEventQueries(database).StatesOfAgentAsync("bob", CancellationToken.None)).Count;
            }

            await server.StartAsync();
            await server.KillAsync();
            await using (var database = server.OpenDatabase())
            {
                // The first fact after the crash: the restart signed Bob out (what follows is the restored chat's return).
                var bobStates = await new ReportEventQueries(database).StatesOfAgentAsync("bob", CancellationToken.None);
                var restart = bobStates[before];
                Assert.Equal(("signedOut", "restart", "Offline", 0), (restart.Kind, restart.Detail, restart.Presence, restart.Active));
                Assert.Single(bobStates, s => s.Detail == "restart");
            }
        }
        finally
        {
            await server.DisposeAsync();
            ParleyServer.TryDelete(server.DataDirectory);
        }
    }
}
