using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Agents;

/// <summary>
/// Supervision against the real server (demo data: Bob serves "support"; Alice supervises support, sales and billing;
/// the admin supervises every queue): live chats, monitor, whisper, barge in, take over, reassign — and team scoping,
/// a supervisor of other queues refused, re-checked against the account as it is now.
/// </summary>
public sealed class SupervisionTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly HashSet<string> _created = [];
    private ParleyServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new ParleyServer();
        _owned.Add(_server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_monitor_reads_the_transcript_and_new_messages_while_the_customer_and_agent_see_nothing_of_it()
    {
        var (bob, ann) = await ChatWithBobAsync();
        await ann.SendAsync("Hello, my order is late");
        var alice = await ConnectAsync("alice");

        var live = await alice.Connection.InvokeAsync<IReadOnlyList<LiveChatView>>("GetLiveChats");
        var monitored = await alice.Connection.InvokeAsync<MonitoredChatView>("Monitor", ann.Id);
        await ann.SendAsync("Are you there?");
        await bob.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "Looking into it");

        var chat = Assert.Single(live, c => c.ConversationId == ann.Id);
        Assert.Equal(("support", "bob", "Ann"), (chat.Queue, chat.Agent, chat.CustomerName));
        Assert.NotNull(chat.LastCustomerMessageAt);
        Assert.Contains(monitored.Messages, m => m.Text == "Hello, my order is late");
        Assert.False(monitored.Joined);
        await alice.Monitored.WaitForAsync(m => m.ConversationId == ann.Id && m.Message.Text == "Are you there?", "the customer's message to the monitor");
        await alice.Monitored.WaitForAsync(m => m.ConversationId == ann.Id && m.Message.Text == "Looking into it", "the agent's message to the monitor");
        await ann.Messages.WaitForAsync(m => m.Text == "Looking into it", "the agent's message to the customer");
        // Nobody is told of a silent monitor: no line for the customer, none for the agent.
        Assert.DoesNotContain(ann.Messages.Seen, m => m.Text.Contains("Alice", StringComparison.Ordinal));
        Assert.DoesNotContain(bob.Messages.Seen, m => m.Message.Text.Contains("Alice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_whisper_reaches_the_agent_only_as_a_note_and_never_the_customer_nor_their_seqs()
    {
        var (bob, ann) = await ChatWithBobAsync();
        await ann.SendAsync("one");
        var alice = await ConnectAsync("alice");

        var whisper = await alice.Connection.InvokeAsync<NoteView>("Whisper", ann.Id, "WHISPER offer the voucher");
        await bob.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "two");
        var last = await ann.Messages.WaitForAsync(m => m.Text == "two", "the agent's next message");

        var told = await bob.Notes.WaitForAsync(n => n.ConversationId == ann.Id && n.Note.Whisper, "the whisper pushed to Bob");
        Assert.Equal(("WHISPER offer the voucher", "alice", "Alice Adams", true), (told.Note.Text, told.Note.Author, told.Note.AuthorName, told.Note.Whisper));
        Assert.Equal(whisper, told.Note);
        Assert.Equal([whisper], await bob.Connection.InvokeAsync<IReadOnlyList<NoteView>>("GetNotes", ann.Id));
        var resumed = await ann.Connection.InvokeAsync<ResumeView>("Resume", 0L);
        Assert.Equal(Enumerable.Range(1, (int)last.Seq).Select(i => (long)i), resumed.Messages.Select(m => m.Seq));
        Assert.DoesNotContain(resumed.Messages, m => m.Text.Contains("WHISPER", StringComparison.Ordinal));
        Assert.DoesNotContain(ann.Messages.Seen, m => m.Text.Contains("WHISPER", StringComparison.Ordinal));
        Assert.DoesNotContain(bob.Messages.Seen, m => m.Message.Text.Contains("WHISPER", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_supervisor_who_barges_in_is_seen_by_the_customer_by_name_and_their_messages_reach_the_customer()
    {
        var (bob, ann) = await ChatWithBobAsync();
        var alice = await ConnectAsync("alice");

        var refused = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync<MessageAccepted>("SendAsSupervisor", ann.Id, Guid.NewGuid().ToString(), "Too early"));
        var joined = await alice.Connection.InvokeAsync<MonitoredChatView>("BargeIn", ann.Id);
        await alice.Connection.InvokeAsync<MessageAccepted>("SendAsSupervisor", ann.Id, Guid.NewGuid().ToString(), "Hello Ann, I am the team lead");

        Assert.Contains("Join the chat first", refused.Message, StringComparison.Ordinal);
        Assert.True(joined.Joined);
        await ann.Messages.WaitForAsync(m => m.Sender == MessageSender.System && m.Text == "Alice Adams (supervisor) joined the chat.", "the join line to the customer");
        var said = await ann.Messages.WaitForAsync(m => m.Text == "Hello Ann, I am the team lead", "the supervisor's message to the customer");
        Assert.Equal((MessageSender.Agent, "Alice Adams"), (said.Sender, said.SenderName));
        await bob.Messages.WaitForAsync(m => m.Message.Text == "Hello Ann, I am the team lead", "the supervisor's message to the agent");
        // The customer's answer reaches the supervisor too.
        await ann.SendAsync("Thank you");
        await alice.Monitored.WaitForAsync(m => m.Message.Text == "Thank you", "the customer's answer to the supervisor");
    }

    [Fact]
    public async Task A_supervisor_takes_a_chat_over_and_the_agents_slot_is_freed()
    {
        var (bob, ann) = await ChatWithBobAsync();
        var alice = await ConnectAsync("alice");
        await alice.GoAvailableAsync();

        var taken = await alice.Connection.InvokeAsync<AssignedConversationView>("TakeOver", ann.Id);

        Assert.Equal(ann.Id, taken.ConversationId);
        await bob.Transferred.WaitForAsync(t => t.ConversationId == ann.Id, "Bob's desk loses the chat");
        await ann.Status.WaitForAsync(s => s.AgentName == "Alice Adams", "the customer sees Alice");
        Assert.Equal(0, (await bob.Connection.InvokeAsync<AgentStateView>("GetState")).ActiveConversations);
        await alice.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "Alice here now");
        await ann.Messages.WaitForAsync(m => m.Text == "Alice here now", "Alice writes as the chat's agent");
    }

    [Fact]
    public async Task A_supervisor_reassigns_a_chat_in_progress_to_another_queue_and_to_an_agent()
    {
        var (bob, ann) = await ChatWithBobAsync();
        var alice = await ConnectAsync("alice");
        await alice.GoAvailableAsync();

        await alice.Connection.InvokeAsync("ReassignToQueue", ann.Id, "billing");
        await bob.Transferred.WaitForAsync(t => t.ConversationId == ann.Id, "Bob's desk loses the chat");
        var offer = await alice.Offers.WaitForAsync(o => o.ConversationId == ann.Id, "the chat offered in billing to Alice");
        Assert.Equal("billing", offer.Queue);
        await alice.Connection.InvokeAsync<AssignedConversationView>("Accept", offer.OfferId);

        await alice.Connection.InvokeAsync("ReassignToAgent", ann.Id, "bob");
        await bob.Assigned.WaitForAsync(a => a.ConversationId == ann.Id, "the chat given back to Bob");
    }

    [Fact]
    public async Task A_supervisor_of_other_queues_is_refused_everywhere_until_an_admin_adds_the_queue_to_their_team()
    {
        await PutAgentAsync("carol", supervised: ["sales"]);
        var (bob, ann) = await ChatWithBobAsync();
        var carol = await ConnectAsync("carol");

        Assert.DoesNotContain(await carol.Connection.InvokeAsync<IReadOnlyList<LiveChatView>>("GetLiveChats"), c => c.ConversationId == ann.Id);
        foreach (var (method, args) in new (string, object[])[]
        {
            ("Monitor", [ann.Id]), ("Whisper", [ann.Id, "psst"]), ("BargeIn", [ann.Id]), ("TakeOver", [ann.Id]),
            ("ReassignToQueue", [ann.Id, "sales"]), ("ReassignToAgent", [ann.Id, "alice"]), ("GetTranscript", [ann.Id]),
        })
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => carol.Connection.InvokeCoreAsync(method, typeof(object), args));
            Assert.DoesNotContain("psst", refused.Message, StringComparison.Ordinal);
        }

        using var api = _server.CreateClient(await _server.LoginAsync("carol"));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"api/v1/agent/conversations/{ann.Id}/messages")).StatusCode);
        Assert.Empty(await bob.Connection.InvokeAsync<IReadOnlyList<NoteView>>("GetNotes", ann.Id));

        // The account as it is now: support added to Carol's team, the same connection may monitor.
        await PutAgentAsync("carol", supervised: ["sales", "support"]);
        var monitored = await carol.Connection.InvokeAsync<MonitoredChatView>("Monitor", ann.Id);
        Assert.Equal(ann.Id, monitored.Chat.ConversationId);
        await ann.SendAsync("first");
        await carol.Monitored.WaitForAsync(m => m.Message.Text == "first", "a message while Carol supervises support");

        // Taken out again: no further message reaches her, and she is refused.
        await PutAgentAsync("carol", supervised: ["sales"]);
        await ann.SendAsync("second");
        await bob.Messages.WaitForAsync(m => m.Message.Text == "second", "the message delivered to the agent");
        await ann.SendAsync("third");
        await bob.Messages.WaitForAsync(m => m.Message.Text == "third", "the next message delivered to the agent");
        Assert.DoesNotContain(carol.Monitored.Seen, m => m.Message.Text is "second" or "third");
        await Assert.ThrowsAsync<HubException>(() => carol.Connection.InvokeAsync<MonitoredChatView>("Monitor", ann.Id));
    }

    [Fact]
    public async Task An_admin_sets_a_supervisors_team_through_the_admin_api_and_an_unknown_queue_is_refused()
    {
        using var admin = _server.CreateClient(await _server.LoginAsync("admin"));

        using var unknown = await admin.PutAsJsonAsync("api/v1/admin/agents/dave", new { displayName = "Dave", password = ParleyClient.AgentPassword, roles = new[] { "supervisor" }, supervisedQueues = new[] { "nowhere" } });
        await PutAgentAsync("dave", supervised: ["support", "sales"]);
        var read = await admin.GetFromJsonAsync<Parley.Server.Admin.AgentDefinition>("api/v1/admin/agents/dave", TestJson.Options);
        using var deleteSupervised = await admin.DeleteAsync("api/v1/admin/queues/sales");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("supervisedQueues[0]", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["support", "sales"], read!.SupervisedQueues);
        Assert.Equal(HttpStatusCode.Conflict, deleteSupervised.StatusCode);
    }

    /// <summary>Creates or changes a supervisor; a change leaves the password (a new one would end their sessions).</summary>
    private async Task PutAgentAsync(string username, string[] supervised)
    {
        using var admin = _server.CreateClient(await _server.LoginAsync("admin"));
        var password = _created.Add(username) ? ParleyClient.AgentPassword : null;
        using var response = await admin.PutAsJsonAsync($"api/v1/admin/agents/{username}",
            new { displayName = username, password, roles = new[] { "supervisor" }, supervisedQueues = supervised });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<AgentSession> ConnectAsync(string username)
    {
        var session = await _server.ConnectAgentAsync(username);
        _owned.Add(session);
        return session;
    }

    private async Task<(AgentSession Bob, CustomerSession Ann)> ChatWithBobAsync()
    {
        var bob = await ConnectAsync("bob");
        await bob.GoAvailableAsync();
        var ann = await CustomerSession.StartAsync(_server);
        _owned.Add(ann);
        await bob.AcceptAsync(ann.Id);
        return (bob, ann);
    }
}
