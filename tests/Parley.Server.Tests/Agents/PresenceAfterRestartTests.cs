using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using Parley.Routing;
using Parley.Server.RoutingHost;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Agents;

/// <summary>
/// A core restart on the same data directory: an agent whose desk comes back within the sign-out grace time
/// (Parley:Routing:SignOutAfterDisconnect, 1 minute by default) gets their presence back; one who does not is Offline
/// with the reason, and the chats restored to them go back to the queue.
/// </summary>
public sealed class PresenceAfterRestartTests
{
    private const string NotBackInTime = "The server restarted more than 1 minute ago and your desk did not reconnect in time";

    [Fact]
    public async Task An_agent_whose_client_reconnects_within_the_grace_time_gets_their_presence_and_reason_back()
    {
        var directory = Directory.CreateTempSubdirectory("parley-presence-").FullName;
        try
        {
            string aliceToken, bobToken;
            await using (var server = new ParleyServer(directory))
            {
                aliceToken = await server.LoginAsync("alice");
                bobToken = await server.LoginAsync("bob");
                await using var alice = await ConnectAsync(server, "alice", aliceToken);
                await alice.GoAvailableAsync();
                await using var bob = await ConnectAsync(server, "bob", bobToken);
                await bob.Connection.InvokeAsync("SetPresenceWithReason", "away", "Lunch");
            }

            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            await using var restarted = Start(directory, time);
            var board = restarted.Services.GetRequiredService<LiveBoard>();
            Assert.Equal(AgentPresence.Offline, board.Agent("alice")!.Presence);

            time.Advance(TimeSpan.FromSeconds(59));
            await using var aliceBack = await ConnectAsync(restarted, "alice", aliceToken);
            await using var bobBack = await ConnectAsync(restarted, "bob", bobToken);

            await aliceBack.State.WaitForAsync(s => s.Presence == AgentPresence.Available, "Alice Available again");
            var bobState = await bobBack.State.WaitForAsync(s => s.Presence == AgentPresence.Away, "Bob Away again");
            Assert.Equal("Lunch", bobState.Reason);

            // The grace time passing later changes nothing for them.
            time.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal(AgentPresence.Available, (await aliceBack.Connection.InvokeAsync<AgentStateView>("GetState")).Presence);
        }
        finally
        {
            ParleyServer.TryDelete(directory);
        }
    }

    [Fact]
    public async Task An_agent_back_after_the_grace_time_is_offline_with_the_reason_and_the_chat_restored_to_them_is_back_in_the_queue()
    {
        var directory = Directory.CreateTempSubdirectory("parley-presence-").FullName;
        try
        {
            StartedConversation chat;
            string aliceToken;
            await using (var server = new ParleyServer(directory))
            {
                aliceToken = await server.LoginAsync("alice");
                await using var before = await ConnectAsync(server, "alice", aliceToken);
                await before.GoAvailableAsync();
                chat = await server.StartConversationAsync();
                await before.AcceptAsync(chat.ConversationId);
            }

            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            await using var restarted = Start(directory, time);
            var board = restarted.Services.GetRequiredService<LiveBoard>();
            Assert.Equal(1, board.Agent("alice")!.ActiveConversations); // restored to her, Offline

            time.Advance(TimeSpan.FromMinutes(1));
            var alice = await Eventually.ThatAsync(() => board.Agent("alice")!, a => a.Reason == NotBackInTime, "Alice set Offline at the end of the grace time");
            Assert.Equal(AgentPresence.Offline, alice.Presence);
            Assert.Equal(0, alice.ActiveConversations);

            // The chat waits in its queue again: the next agent who is there gets it.
            await using var bob = await restarted.ConnectAgentAsync("bob");
            await bob.GoAvailableAsync();
            Assert.Equal("Ann", (await bob.AcceptAsync(chat.ConversationId)).CustomerName);

            // Alice comes back late: Offline, and her client is told why.
            await using var aliceBack = await ConnectAsync(restarted, "alice", aliceToken);
            var state = await aliceBack.Connection.InvokeAsync<AgentStateView>("GetState");
            Assert.Equal(AgentPresence.Offline, state.Presence);
            Assert.Equal(NotBackInTime, state.Reason);
        }
        finally
        {
            ParleyServer.TryDelete(directory);
        }
    }

    [Fact]
    public async Task An_agent_who_signs_in_again_within_the_grace_time_gets_their_presence_back_and_keeps_the_chat()
    {
        var directory = Directory.CreateTempSubdirectory("parley-presence-").FullName;
        try
        {
            StartedConversation chat;
            await using (var server = new ParleyServer(directory))
            {
                await using var alice = await server.ConnectAgentAsync("alice");
                await alice.GoAvailableAsync();
                chat = await server.StartConversationAsync();
                await alice.AcceptAsync(chat.ConversationId);
            }

            // A client that signs in anew after the restart (its token was lost with it) has proved who it is again.
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            await using var restarted = Start(directory, time);
            await using var again = await restarted.ConnectAgentAsync("alice");
            await again.State.WaitForAsync(s => s.Presence == AgentPresence.Available, "Alice Available again");

            time.Advance(TimeSpan.FromMinutes(2));
            var reply = await again.Connection.InvokeAsync<MessageAccepted>("Send", chat.ConversationId, Guid.NewGuid().ToString(), "still here");
            Assert.True(reply.Seq > 0);
            var state = await again.Connection.InvokeAsync<AgentStateView>("GetState");
            Assert.Equal((AgentPresence.Available, 1), (state.Presence, state.ActiveConversations));
        }
        finally
        {
            ParleyServer.TryDelete(directory);
        }
    }

    private static ParleyServer Start(string directory, FakeTimeProvider time) =>
        new(directory, time: time);

    /// <summary>A hub client on a token from before the restart (the same sign-in, reconnecting).</summary>
    private static async Task<AgentSession> ConnectAsync(ParleyServer server, string username, string token)
    {
        var session = new AgentSession(username, await server.ConnectAsync("hubs/agent", token, start: false));
        await session.Connection.StartAsync();
        return session;
    }
}
