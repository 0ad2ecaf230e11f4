using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Conversations;
using Parley.Server.Queues;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Conversations;

/// <summary>
/// The per-queue conversation workflow against the real server on a fake clock (moved in steps well below the hubs'
/// time-outs): the joined text, customer inactivity (warning, close), agent inactivity (alert, cleared by the reply),
/// the closing line, and the version a conversation keeps after an edit. Runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class WorkflowSpecification
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    /// <summary>A server on <paramref name="time"/>, with the demo queues and agents.</summary>
    protected abstract Task<ParleyServer> StartServerAsync(FakeTimeProvider time);

    protected abstract ValueTask StopAsync();

    private static object Workflow(string joined, string closing, object? customerInactivity, object? agentInactivity = null) => new
    {
        agentJoined = joined,
        closing,
        customerInactivity,
        agentInactivity,
    };

    private static readonly object Inactivity = new
    {
        warnAfterSeconds = 30,
        warning = "Still there, {customer.name}?",
        closeAfterSeconds = 60,
        closing = "Closed for silence in {queue.name}.",
    };

    [Fact]
    public async Task A_chat_follows_its_queues_workflow_joined_alert_reply_warning_close_and_closing_line()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var server = await StartServerAsync(time);
        try
        {
            await SaveWorkflowAsync(server, Workflow("{agent.name} is here for {customer.name} in {queue.name}.", "Thank you, {customer.name}.",
                Inactivity, new { alertAfterSeconds = 20 }));
            await using var bob = await server.ConnectAgentAsync("bob");
            await bob.GoAvailableAsync();
            await using var ann = await CustomerSession.StartAsync(server);
            await bob.AcceptAsync(ann.Id);
            var joined = await ann.Messages.WaitForAsync(m => m.Text.EndsWith("in Customer support.", StringComparison.Ordinal), "the workflow's joined line");
            Assert.Equal("Bob Baker is here for Ann in Customer support.", joined.Text);

            // Agent inactivity: Ann asks, Bob does not answer for 20 s.
            await ann.SendAsync("Can you help?");
            var alert = await time.RunUntilAsync(Step, bob.ReplyOverdue, a => a.ConversationId == ann.Id && a.WaitingSince is not null, "Bob alerted of the overdue reply");
            Assert.Contains(server.Services.GetRequiredService<OverdueReplies>().All, r => r.ConversationId == ann.Id && r.Agent == "bob");

            await bob.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "Sure, one moment.");
            await time.RunUntilAsync(Step, bob.ReplyOverdue, a => a.ConversationId == ann.Id && a.WaitingSince is null, "the alert cleared by Bob's reply");
            Assert.DoesNotContain(server.Services.GetRequiredService<OverdueReplies>().All, r => r.ConversationId == ann.Id);
            Assert.True(time.GetUtcNow() - alert.WaitingSince >= TimeSpan.FromSeconds(20));

            // Customer inactivity: Ann goes quiet after Bob's reply: warned once, then closed.
            await time.RunUntilAsync(Step, ann.Messages, m => m.Text == "Still there, Ann?", "the inactivity warning");
            var ended = await time.RunUntilAsync(Step, bob.Ended, e => e.ConversationId == ann.Id, "the chat closed for inactivity");
            await ann.Status.WaitForAsync(s => s.State == ConversationState.Ended, "Ann's chat ended");
            var transcript = await bob.Connection.InvokeAsync<IReadOnlyList<MessageView>>("GetTranscript", ann.Id);

            Assert.Equal("inactivity", ended.EndedBy);
            Assert.Single(transcript, m => m.Text == "Still there, Ann?");
            Assert.Equal(["Closed for silence in Customer support.", "Thank you, Ann."], transcript.TakeLast(2).Select(m => m.Text));
            Assert.All(transcript.TakeLast(2), m => Assert.Equal(MessageSender.System, m.Sender));
        }
        finally
        {
            await StopAsync();
        }
    }

    [Fact]
    public async Task A_customer_who_writes_is_not_warned_and_an_agents_close_ends_with_the_closing_line()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var server = await StartServerAsync(time);
        try
        {
            await SaveWorkflowAsync(server, Workflow("{agent.name} joined.", "Goodbye from {queue.name}.", Inactivity));
            await using var bob = await server.ConnectAgentAsync("bob");
            await bob.GoAvailableAsync();
            await using var ann = await CustomerSession.StartAsync(server);
            await bob.AcceptAsync(ann.Id);
            for (var i = 0; i < 4; i++)
            {
                // 25 s of silence each time, then Ann writes: never 30 s in a row.
                time.Advance(Step * 5);
                await ann.SendAsync($"still here {i}");
            }

            await bob.Connection.InvokeAsync("Close", ann.Id);
            await ann.Status.WaitForAsync(s => s.State == ConversationState.Ended, "Ann's chat ended");
            var transcript = await bob.Connection.InvokeAsync<IReadOnlyList<MessageView>>("GetTranscript", ann.Id);

            Assert.DoesNotContain(transcript, m => m.Text.StartsWith("Still there", StringComparison.Ordinal));
            Assert.Equal(["Bob Baker ended the chat.", "Goodbye from Customer support."], transcript.TakeLast(2).Select(m => m.Text));
        }
        finally
        {
            await StopAsync();
        }
    }

    [Fact]
    public async Task A_conversation_keeps_the_workflow_version_it_started_with_after_an_edit()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var server = await StartServerAsync(time);
        try
        {
            var first = await SaveWorkflowAsync(server, Workflow("v1: {agent.name} joined.", "v1 closing.", Inactivity), welcome: "Welcome (v1).");
            await using var old = await CustomerSession.StartAsync(server, name: "Old");
            var second = await SaveWorkflowAsync(server, Workflow("v2: {agent.name} joined.", "v2 closing.", customerInactivity: null), welcome: "Welcome (v2).");
            var unchanged = await SaveWorkflowAsync(server, Workflow("v2: {agent.name} joined.", "v2 closing.", customerInactivity: null), welcome: "Welcome (v2).");
            await using var bob = await server.ConnectAgentAsync("bob");
            await bob.GoAvailableAsync();
            await bob.AcceptAsync(old.Id);
            // The old chat still has version 1's inactivity rule although version 2 has none.
            var ended = await time.RunUntilAsync(Step, bob.Ended, e => e.ConversationId == old.Id, "the old chat closed by version 1's rule");
            await using var @new = await CustomerSession.StartAsync(server, name: "New");
            await bob.AcceptAsync(@new.Id);
            await bob.Connection.InvokeAsync("Close", @new.Id);
            await @new.Status.WaitForAsync(s => s.State == ConversationState.Ended, "the new chat ended");
            var oldTranscript = await bob.Connection.InvokeAsync<IReadOnlyList<MessageView>>("GetTranscript", old.Id);
            var newTranscript = await bob.Connection.InvokeAsync<IReadOnlyList<MessageView>>("GetTranscript", @new.Id);

            Assert.Equal(second.Workflow.Version, unchanged.Workflow.Version);
            Assert.Equal(first.Workflow.Version + 1, second.Workflow.Version);
            Assert.Equal("inactivity", ended.EndedBy);
            Assert.Equal(["Welcome (v1).", "v1: Bob Baker joined."], oldTranscript.Take(2).Select(m => m.Text));
            Assert.Contains(oldTranscript, m => m.Text == "Still there, Old?");
            Assert.Equal("v1 closing.", oldTranscript[^1].Text);
            Assert.Equal(["Welcome (v2).", "v2: Bob Baker joined."], newTranscript.Take(2).Select(m => m.Text));
            Assert.Equal("v2 closing.", newTranscript[^1].Text);
        }
        finally
        {
            await StopAsync();
        }
    }

    /// <summary>PUTs the support queue as it is with this workflow and welcome; answers the saved queue.</summary>
    private static async Task<QueueDefinition> SaveWorkflowAsync(ParleyServer server, object workflow, string? welcome = null)
    {
        using var admin = server.CreateClient(await server.LoginAsync("admin"));
        var queue = (await admin.GetFromJsonAsync<JsonObject>("api/v1/admin/queues/support"))!;
        queue["welcome"] = welcome;
        queue["workflow"] = JsonSerializer.SerializeToNode(workflow, TestJson.Options);
        var response = await admin.PutAsJsonAsync("api/v1/admin/queues/support", queue);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<QueueDefinition>(TestJson.Options))!;
    }
}

public sealed class WorkflowTests : WorkflowSpecification, IDisposable
{
    private ParleyServer? _server;

    protected override Task<ParleyServer> StartServerAsync(FakeTimeProvider time) => Task.FromResult(_server = new ParleyServer(time: time));

    protected override ValueTask StopAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    public void Dispose() => GC.SuppressFinalize(this);
}

public sealed class WorkflowOnPostgresTests : WorkflowSpecification
{
    private ParleyServer? _server;
    private Storage.PostgresTestDatabase? _database;

    protected override async Task<ParleyServer> StartServerAsync(FakeTimeProvider time)
    {
        _database = await Storage.PostgresTestDatabase.CreateAsync();
        return _server = new ParleyServer(settings: _database.ServerSettings(), time: time);
    }

    protected override async ValueTask StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
