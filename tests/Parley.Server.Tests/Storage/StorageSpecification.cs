using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Conversations;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Storage;

/// <summary>
/// What Parley relies on from its database, run against every provider (<see cref="SqliteStorageTests"/>,
/// <see cref="PostgresStorageTests"/>). Each test gets a fresh, empty database.
/// </summary>
public abstract partial class StorageSpecification : IAsyncLifetime
{
    /// <summary>A server time as the server makes them: UTC, here with microseconds (123456 µs).</summary>
    protected static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 23, 9, 30, 15, TimeSpan.Zero).AddTicks(1_234_560);

    private TestDatabase? _database;
    private bool _migrated;

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("The test database was not created.");

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _database = await CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>A context on the database, migrated to the current model (once per test).</summary>
    protected async Task<ParleyDbContext> ContextAsync()
    {
        var context = Database.CreateContext();
        if (!_migrated)
        {
            await context.Database.MigrateAsync();
            _migrated = true;
        }

        return context;
    }

    // ---- Migrations --------------------------------------------------------------------------------------------

    [Fact]
    public async Task Migrations_bring_an_empty_database_to_the_current_model()
    {
        await using var context = Database.CreateContext();

        await context.Database.MigrateAsync();

        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.Equal(context.Database.GetMigrations(), await context.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.False(context.Database.HasPendingModelChanges(), "The model has changes that no migration of this provider creates.");
        Assert.Equal((0, 0, 0, 0), (await context.Conversations.CountAsync(), await context.Messages.CountAsync(), await context.Agents.CountAsync(), await context.Queues.CountAsync()));
    }

    [Fact]
    public async Task Migrating_an_up_to_date_database_again_keeps_its_rows()
    {
        await using (var context = await ContextAsync())
        {
            context.Add(Conversation(Guid.NewGuid()));
            await context.SaveChangesAsync();
        }

        await using var again = Database.CreateContext();
        await again.Database.MigrateAsync();

        Assert.Equal(1, await again.Conversations.CountAsync());
    }

    // ---- Conversations and messages ----------------------------------------------------------------------------

    [Fact]
    public async Task A_conversation_and_its_messages_round_trip_with_their_server_times()
    {
        var id = Guid.CreateVersion7(T0);
        var conversation = Conversation(id, visitor: "4f6c0c9e2b8d4c39a6f1e0d2c3b4a596");
        conversation.CustomerEmail = "ann@example.com";
        conversation.State = ConversationState.Ended;
        conversation.AgentUsername = "alice";
        conversation.AssignedAt = T0.AddSeconds(12.5);
        conversation.EndedAt = T0.AddMinutes(4).AddTicks(10);
        conversation.EndedBy = "agent";
        conversation.Messages.Add(Message(id, 2, MessageSender.Customer, "Where is my order? 📦", T0.AddSeconds(20), "c-1", "Ann"));
        conversation.Messages.Add(Message(id, 3, MessageSender.Agent, "Let me check.\nOne moment…", T0.AddSeconds(21).AddTicks(30), "a-1", "Alice Adams"));
        await using (var context = await ContextAsync())
        {
            context.Add(conversation);
            await context.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        var stored = await read.Conversations.AsNoTracking().Include(c => c.Messages).SingleAsync(c => c.Id == id);

        Assert.Equal(
            (id, "support", "Ann", "ann@example.com", "4f6c0c9e2b8d4c39a6f1e0d2c3b4a596", ConversationState.Ended, "alice", "agent", 3L),
            (stored.Id, stored.Queue, stored.CustomerName, stored.CustomerEmail, stored.VisitorId, stored.State, stored.AgentUsername, stored.EndedBy,
                await new ConversationQueries(read).LastSeqAsync(id, CancellationToken.None)));
        Assert.Equal((T0, T0.AddSeconds(12.5), T0.AddMinutes(4).AddTicks(10)), (stored.StartedAt, stored.AssignedAt, stored.EndedAt));
        Assert.Equal(
            conversation.Messages.Select(m => (m.Seq, m.Sender, m.SenderName, m.Text, m.SentAt, m.ClientMessageId)),
            stored.Messages.OrderBy(m => m.Seq).Select(m => (m.Seq, m.Sender, m.SenderName, m.Text, m.SentAt, m.ClientMessageId)));
    }

    [Fact]
    public async Task Server_times_are_kept_in_UTC_to_the_microsecond_and_saved_as_they_read_back()
    {
        var id = Guid.NewGuid();
        var withNanoseconds = new DateTimeOffset(2026, 11, 23, 11, 30, 15, TimeSpan.FromHours(2)).AddTicks(1_234_567); // 123456.7 µs, at +02:00
        var conversation = Conversation(id, startedAt: withNanoseconds);
        await using (var context = await ContextAsync())
        {
            context.Add(conversation);
            await context.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        var stored = await read.Conversations.AsNoTracking().SingleAsync(c => c.Id == id);

        var expected = new DateTimeOffset(2026, 11, 23, 9, 30, 15, TimeSpan.Zero).AddTicks(1_234_560);
        Assert.Equal((expected.Ticks, TimeSpan.Zero), (stored.StartedAt.Ticks, stored.StartedAt.Offset));
        Assert.True(conversation.StartedAt.EqualsExact(stored.StartedAt), $"saved {conversation.StartedAt:O}, read back {stored.StartedAt:O}");
        Assert.True(conversation.Messages[0].SentAt.EqualsExact(stored.StartedAt));
    }

    [Fact]
    public async Task A_second_message_with_the_same_seq_in_a_conversation_is_refused_by_the_database()
    {
        var id = Guid.NewGuid();
        await using (var context = await ContextAsync())
        {
            context.Add(Conversation(id));
            await context.SaveChangesAsync();
        }

        await using var other = Database.CreateContext();
        other.Add(Message(id, 1, MessageSender.Customer, "the same seq again", T0));

        await Assert.ThrowsAsync<DbUpdateException>(() => other.SaveChangesAsync());
    }

    [Fact]
    public async Task A_second_message_with_the_same_client_message_id_in_a_conversation_is_refused_by_the_database()
    {
        var id = Guid.NewGuid();
        await using (var context = await ContextAsync())
        {
            var conversation = Conversation(id);
            conversation.Messages.Add(Message(id, 2, MessageSender.Customer, "hello", T0, "client-1"));
            context.Add(conversation);
            await context.SaveChangesAsync();
        }

        await using var other = Database.CreateContext();
        other.Add(Message(id, 3, MessageSender.Customer, "hello (resent)", T0.AddSeconds(1), "client-1"));

        await Assert.ThrowsAsync<DbUpdateException>(() => other.SaveChangesAsync());
    }

    [Fact]
    public async Task Seqs_and_client_message_ids_are_unique_per_conversation_and_messages_without_an_id_never_clash()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        await using (var context = await ContextAsync())
        {
            var a = Conversation(first);
            var b = Conversation(second);
            a.Messages.Add(Message(first, 2, MessageSender.Customer, "hi", T0, "client-1"));
            b.Messages.Add(Message(second, 2, MessageSender.Customer, "hi", T0, "client-1"));
            a.Messages.Add(Message(first, 3, MessageSender.System, "no id", T0));
            a.Messages.Add(Message(first, 4, MessageSender.System, "no id either", T0));
            context.AddRange(a, b);
            await context.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        Assert.Equal(6, await read.Messages.CountAsync()); // 4 in the first (welcome, 2, 3, 4), 2 in the second
    }

    [Fact]
    public async Task A_message_of_a_conversation_that_does_not_exist_is_refused_by_the_database()
    {
        await using var context = await ContextAsync();
        context.Add(Message(Guid.NewGuid(), 1, MessageSender.Customer, "orphan", T0));

        await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
    }

    [Fact]
    public async Task Messages_after_a_seq_come_back_in_seq_order()
    {
        var id = Guid.NewGuid();
        await using (var context = await ContextAsync())
        {
            var conversation = Conversation(id);
            foreach (var seq in new long[] { 12, 3, 10, 2, 11 })
            {
                conversation.Messages.Add(Message(id, seq, MessageSender.Customer, $"m{seq}", T0.AddSeconds(seq)));
            }

            context.Add(conversation);
            await context.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        var after = await new ConversationQueries(read).MessagesAfterAsync(id, 2, CancellationToken.None);

        Assert.Equal([3L, 10, 11, 12], after.Select(m => m.Seq));
    }

    [Fact]
    public async Task Pre_chat_answers_round_trip_whatever_their_text()
    {
        var id = Guid.NewGuid();
        var answers = new Dictionary<string, string>
        {
            ["topic"] = "Returns and refunds",
            ["language"] = "Nederlands",
            ["order.number"] = "\"A-17\" \\ 'quoted'",
            ["note"] = "line one\nline two\ttabbed — ünïcødé 🧾",
            ["empty"] = "",
        };
        await using (var context = await ContextAsync())
        {
            var conversation = Conversation(id);
            conversation.Answers = answers;
            context.Add(conversation);
            await context.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        var stored = await read.Conversations.AsNoTracking().SingleAsync(c => c.Id == id);

        Assert.Equal(answers.OrderBy(a => a.Key, StringComparer.Ordinal), stored.Answers.OrderBy(a => a.Key, StringComparer.Ordinal));
    }

    // ---- The queries the product makes -------------------------------------------------------------------------

    [Fact]
    public async Task The_returning_visitor_lookup_finds_the_agent_of_that_visitors_latest_served_conversation()
    {
        await using (var context = await ContextAsync())
        {
            context.AddRange(
                Conversation(Guid.NewGuid(), visitor: "v1", agent: "alice", startedAt: T0),
                Conversation(Guid.NewGuid(), visitor: "v1", agent: "bob", startedAt: T0.AddHours(1)),
                Conversation(Guid.NewGuid(), visitor: "v1", agent: null, startedAt: T0.AddHours(2)),
                Conversation(Guid.NewGuid(), visitor: "v2", agent: "carol", startedAt: T0.AddHours(3)),
                Conversation(Guid.NewGuid(), visitor: "V1", agent: "dave", startedAt: T0.AddHours(4)));
            await context.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        var queries = new ConversationQueries(read);

        // v1's latest chat was not served (no agent): the one before it was, by Bob. Visitor ids match exactly.
        Assert.Equal("bob", await queries.LatestAgentOfVisitorAsync("v1", CancellationToken.None));
        Assert.Equal("carol", await queries.LatestAgentOfVisitorAsync("v2", CancellationToken.None));
        Assert.Equal("dave", await queries.LatestAgentOfVisitorAsync("V1", CancellationToken.None));
        Assert.Null(await queries.LatestAgentOfVisitorAsync("v3", CancellationToken.None));
    }

    [Fact]
    public async Task Open_waiting_and_assigned_conversations_are_found_as_routing_and_the_desk_ask_for_them()
    {
        var waiting = Guid.NewGuid();
        var alsoWaiting = Guid.NewGuid();
        var aliceLater = Guid.NewGuid();
        var aliceEarlier = Guid.NewGuid();
        var ended = Guid.NewGuid();
        await using (var context = await ContextAsync())
        {
            context.AddRange(
                Conversation(waiting, startedAt: T0.AddMinutes(3)),
                Conversation(alsoWaiting, startedAt: T0.AddMinutes(2)),
                Conversation(aliceLater, agent: "alice", startedAt: T0.AddMinutes(1), state: ConversationState.Assigned, assignedAt: T0.AddMinutes(5)),
                Conversation(aliceEarlier, agent: "alice", startedAt: T0, state: ConversationState.Assigned, assignedAt: T0.AddMinutes(1)),
                Conversation(ended, agent: "alice", state: ConversationState.Ended, assignedAt: T0),
                Message(waiting, 2, MessageSender.Customer, "Hello?", T0.AddMinutes(4), "c-9"),
                Message(ended, 2, MessageSender.Customer, "Bye", T0.AddMinutes(4), "c-8"));
            await context.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        var queries = new ConversationQueries(read);

        // OpenConversations (and routing): every conversation not ended, oldest first, with its last seq.
        var states = await queries.OpenStatesAsync(CancellationToken.None);
        Assert.Equal([aliceEarlier, aliceLater, alsoWaiting, waiting], states.Select(c => c.Conversation.Id));
        Assert.Equal([1L, 1L, 1L, 2L], states.Select(s => s.LastSeq));
        Assert.Equal(["c-9"], states[3].ClientMessageIds);
        Assert.All(states.Take(3), s => Assert.Empty(s.ClientMessageIds));
        var oldest = OpenConversation.Of(states[0].Conversation);
        Assert.Equal(
            ("support", ConversationState.Assigned, "alice", T0, (DateTimeOffset?)T0.AddMinutes(1), "An order"),
            (oldest.Queue, oldest.State, oldest.AgentUsername, oldest.StartedAt, oldest.AssignedAt, oldest.Answers["topic"]));

        // AgentDesk: waiting chats by a list of ids.
        var queued = await queries.QueuedAmongAsync([waiting, aliceLater, ended, Guid.NewGuid()], CancellationToken.None);
        Assert.Equal([waiting], queued.Keys);

        // AgentDesk: an agent's assigned chats, first assigned first.
        var mine = await queries.AssignedToAsync("alice", CancellationToken.None);
        Assert.Equal([aliceEarlier, aliceLater], mine.Select(c => c.Id));
    }

    // ---- A whole server on this database -----------------------------------------------------------------------

    [Fact]
    public async Task Concurrent_appends_through_the_conversation_log_get_distinct_consecutive_seqs()
    {
        await using var server = new ParleyServer(settings: Database.ServerSettings());
        var service = server.Services.GetRequiredService<ConversationLog>();
        var conversation = await server.StartConversationAsync();

        var accepted = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() =>
            service.AppendAsync(conversation.ConversationId, MessageSender.Customer, null, $"client-{i}", $"message {i}", null, default))));

        await using var read = Database.CreateContext();
        var stored = await read.Messages.AsNoTracking().Where(m => m.ConversationId == conversation.ConversationId).OrderBy(m => m.Seq).ToListAsync();
        var last = await new ConversationQueries(read).LastSeqAsync(conversation.ConversationId, CancellationToken.None);

        Assert.Equal(Enumerable.Range(2, 30).Select(i => (long)i), accepted.Select(a => a.Seq).Order());
        Assert.Equal(Enumerable.Range(1, 31).Select(i => (long)i), stored.Select(m => m.Seq));
        Assert.Equal(31, last);
        Assert.Equal(accepted.OrderBy(a => a.Seq).Select(a => a.SentAt), stored.Skip(1).Select(m => m.SentAt));
    }

    [Fact]
    public async Task Appending_the_same_client_message_id_twice_stores_one_message()
    {
        await using var server = new ParleyServer(settings: Database.ServerSettings());
        var service = server.Services.GetRequiredService<ConversationLog>();
        var conversation = await server.StartConversationAsync();

        var first = await service.AppendAsync(conversation.ConversationId, MessageSender.Customer, null, "client-1", "hello", null, default);
        var again = await service.AppendAsync(conversation.ConversationId, MessageSender.Customer, null, "client-1", "hello", null, default);

        await using var read = Database.CreateContext();
        Assert.Equal(first, again); // the same seq and the same server time, to the tick
        Assert.Equal(1, await read.Messages.CountAsync(m => m.ConversationId == conversation.ConversationId && m.ClientMessageId == "client-1"));
    }

    [Fact]
    public async Task A_customer_and_an_agent_chat_through_a_server_on_this_database()
    {
        await using var server = new ParleyServer(settings: Database.ServerSettings());
        await using var alice = await server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(server);

        var assigned = await alice.AcceptAsync(ann.Id);
        var fromAnn = await ann.SendAsync("Where is my order?");
        var atAlice = await alice.Messages.WaitForAsync(m => m.Message.Seq == fromAnn.Seq, "Ann's message at Alice");
        var fromAlice = await alice.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "Let me check.");
        var atAnn = await ann.Messages.WaitForAsync(m => m.Seq == fromAlice.Seq, "Alice's message at Ann");
        using var http = server.CreateClient();
        using var health = await http.GetAsync(new Uri("healthz", UriKind.Relative));

        Assert.Equal(("Ann", "An order"), (assigned.CustomerName, assigned.Answers["topic"]));
        Assert.Equal((MessageSender.Customer, "Where is my order?"), (atAlice.Message.Sender, atAlice.Message.Text));
        Assert.Equal((fromAnn.Seq + 1, "Let me check."), (fromAlice.Seq, atAnn.Text));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        await using var read = Database.CreateContext();
        var stored = await read.Conversations.AsNoTracking().Include(c => c.Messages).SingleAsync(c => c.Id == ann.Id);
        Assert.Equal((ConversationState.Assigned, "alice"), (stored.State, stored.AgentUsername));
        Assert.Contains(stored.Messages, m => m.Seq == fromAnn.Seq && m.Text == "Where is my order?" && m.SentAt == fromAnn.SentAt);
    }

    [Fact]
    public async Task A_restarted_server_on_the_same_database_still_has_the_history_and_the_assignment()
    {
        var directory = Directory.CreateTempSubdirectory("parley-storage-restart-").FullName;
        try
        {
            StartedConversation conversation;
            List<MessageView> before;
            string agentToken;
            await using (var server = new ParleyServer(directory, Database.ServerSettings()))
            {
                await using var alice = await server.ConnectAgentAsync("alice");
                await alice.GoAvailableAsync();
                await using var ann = await CustomerSession.StartAsync(server);
                conversation = ann.Conversation;
                await alice.AcceptAsync(ann.Id);
                await ann.SendAsync("before the restart");
                await alice.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "noted");
                using var client = server.CreateClient(conversation.CustomerToken);
                before = (await client.GetFromJsonAsync<List<MessageView>>($"api/v1/conversations/{ann.Id}/messages", TestJson.Options))!;
                agentToken = await server.LoginAsync("alice");
            }

            await using (var restarted = new ParleyServer(directory, Database.ServerSettings()))
            {
                using var client = restarted.CreateClient(conversation.CustomerToken);
                var after = await client.GetFromJsonAsync<List<MessageView>>($"api/v1/conversations/{conversation.ConversationId}/messages", TestJson.Options);
                await using var alice = await restarted.ConnectAsync("hubs/agent", agentToken);
                var reply = await alice.InvokeAsync<MessageAccepted>("Send", conversation.ConversationId, Guid.NewGuid().ToString(), "after the restart");

                Assert.Equal(before, after);
                Assert.Equal(["before the restart", "noted"], after!.Where(m => m.Sender != MessageSender.System).Select(m => m.Text));
                Assert.Equal(before[^1].Seq + 1, reply.Seq);
            }
        }
        finally
        {
            ParleyServer.TryDelete(directory);
        }
    }

    // ---- Helpers -----------------------------------------------------------------------------------------------

    protected static ConversationRecord Conversation(
        Guid id,
        string? visitor = null,
        string? agent = null,
        DateTimeOffset? startedAt = null,
        ConversationState state = ConversationState.Queued,
        DateTimeOffset? assignedAt = null)
    {
        var started = startedAt ?? T0;
        return new ConversationRecord
        {
            Id = id,
            Queue = "support",
            CustomerName = "Ann",
            Answers = new() { ["topic"] = "An order" },
            VisitorId = visitor,
            State = agent is not null && state == ConversationState.Queued ? ConversationState.Assigned : state,
            StartedAt = started,
            AgentUsername = agent,
            AssignedAt = assignedAt,
            Messages = [Message(id, 1, MessageSender.System, "Welcome!", started)],
        };
    }

    protected static MessageRecord Message(Guid conversationId, long seq, MessageSender sender, string text, DateTimeOffset sentAt, string? clientMessageId = null, string? senderName = null) => new()
    {
        ConversationId = conversationId,
        Seq = seq,
        Sender = sender,
        SenderName = senderName,
        Text = text,
        SentAt = sentAt,
        ClientMessageId = clientMessageId,
    };
}
