using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Agents;
using Parley.Server.Conversations;
using Parley.Server.Customers;
using Parley.Server.Reporting;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Conversations;

/// <summary>
/// Internal notes, notes with a transfer, wrap-up codes and tags against the real server, on each provider: notes
/// have their own sequence (the customer's seqs stay 1, 2, 3…) and never reach the customer; only the chat's agent or a
/// supervisor reads or writes them; a queue's required wrap-up code refuses a close without one; tags are normalised
/// and limited; codes and tags reach the conversation report and filter it.
/// </summary>
public abstract class NotesSpecification : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    private TestDatabase? _database;

    /// <summary>The provider's database for this test; null for the server's own SQLite file.</summary>
    protected abstract Task<TestDatabase?> CreateDatabaseAsync();

    public async Task InitializeAsync() => _database = await CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_note_takes_no_seq_of_the_customer_and_never_reaches_them_nor_their_transcript_or_resume()
    {
        var server = Start();
        var (alice, ann) = await ChatWithAliceAsync(server);
        await ann.SendAsync("one");
        await alice.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "two");

        var note = await alice.Connection.InvokeAsync<NoteView>("AddNote", ann.Id, "  <b>VIP</b> — refund <script>alert(1)</script>  ");
        await ann.SendAsync("three");
        await alice.Connection.InvokeAsync<MessageAccepted>("Send", ann.Id, Guid.NewGuid().ToString(), "four");
        var last = await ann.Messages.WaitForAsync(m => m.Text == "four", "the fourth message");

        // The note has the notes' own seq 1, stored as typed (trimmed), and the chat's agent hears of it.
        Assert.Equal((1L, "<b>VIP</b> — refund <script>alert(1)</script>", "Alice Adams"), (note.Seq, note.Text, note.AuthorName));
        await alice.Notes.WaitForAsync(n => n.ConversationId == ann.Id && n.Note.Seq == 1, "the note pushed to Alice");
        // Resumed from the start, the customer's seqs run 1, 2, 3… to the last without a gap; the pushes since they
        // connected are the same run's tail.
        var resumed = await ann.Connection.InvokeAsync<ResumeView>("Resume", 0L);
        Assert.Equal(Enumerable.Range(1, (int)last.Seq).Select(i => (long)i), resumed.Messages.Select(m => m.Seq));
        var pushed = ann.Messages.Seen.Select(m => m.Seq).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range((int)pushed[0], pushed.Count).Select(i => (long)i), pushed);
        Assert.DoesNotContain(ann.Messages.Seen, m => m.Text.Contains("VIP", StringComparison.Ordinal));
        Assert.DoesNotContain(resumed.Messages, m => m.Text.Contains("VIP", StringComparison.Ordinal));
        using var customer = server.CreateClient(ann.Conversation.CustomerToken);
        var transcript = await customer.GetStringAsync($"api/v1/conversations/{ann.Id}/messages");
        Assert.DoesNotContain("VIP", transcript, StringComparison.Ordinal);
        var agentTranscript = await alice.Connection.InvokeAsync<IReadOnlyList<MessageView>>("GetTranscript", ann.Id);
        Assert.DoesNotContain(agentTranscript, m => m.Text.Contains("VIP", StringComparison.Ordinal));
        var notes = await alice.Connection.InvokeAsync<IReadOnlyList<NoteView>>("GetNotes", ann.Id);
        Assert.Equal([note], notes);
    }

    [Fact]
    public async Task Only_the_chats_agent_or_a_supervisor_reads_and_writes_its_notes()
    {
        var server = Start();
        var (alice, ann) = await ChatWithAliceAsync(server);
        await alice.Connection.InvokeAsync<NoteView>("AddNote", ann.Id, "Asked for a refund before");
        using var bob = server.CreateClient(await server.LoginAsync("bob"));
        using var admin = server.CreateClient(await server.LoginAsync("admin"));
        using var customer = server.CreateClient(ann.Conversation.CustomerToken);
        var path = $"api/v1/agent/conversations/{ann.Id}/notes";

        using var bobReads = await bob.GetAsync(path);
        using var bobWrites = await bob.PostAsJsonAsync(path, new { text = "mine now" });
        using var customerReads = await customer.GetAsync(path);
        using var adminWrites = await admin.PostAsJsonAsync(path, new { text = "Supervisor: offer 10 %" });
        using var empty = await admin.PostAsJsonAsync(path, new { text = "   " });
        var read = await admin.GetFromJsonAsync<List<NoteView>>(path, TestJson.Options);

        Assert.Equal(HttpStatusCode.NotFound, bobReads.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bobWrites.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, customerReads.StatusCode);
        Assert.Equal(HttpStatusCode.Created, adminWrites.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal([(1L, "alice"), (2L, "admin")], read!.Select(n => (n.Seq, n.Author)));
        // The supervisor's note reaches the agent who holds the chat.
        await alice.Notes.WaitForAsync(n => n.Note.Author == "admin", "the supervisor's note pushed to Alice");
    }

    [Fact]
    public async Task A_transfer_with_a_note_offers_the_note_to_the_receiving_agent_and_the_old_transfer_still_works()
    {
        var server = Start();
        var (alice, ann) = await ChatWithAliceAsync(server);
        await using var bob = await server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();

        await alice.Connection.InvokeAsync("TransferToAgentWithNote", ann.Id, "bob", "Wants a refund for order 42 <i>today</i>");
        var offer = await bob.Offers.WaitForAsync(o => o.ConversationId == ann.Id, "the transfer offer to Bob");
        await bob.Connection.InvokeAsync<AssignedConversationView>("Accept", offer.OfferId);
        await bob.Connection.InvokeAsync("TransferToAgent", ann.Id, "alice");
        var back = await alice.Offers.WaitForAsync(o => o.ConversationId == ann.Id && o.FromAgent == "bob", "the plain transfer back to Alice");

        Assert.Equal(("Wants a refund for order 42 <i>today</i>", "bob", "alice"), (offer.TransferNote?.Text, offer.TransferNote?.TransferTo, offer.TransferNote?.Author));
        var notes = await bob.Connection.InvokeAsync<IReadOnlyList<NoteView>>("GetNotes", ann.Id);
        // Stored once Bob accepted (the offer showed it held, before it had a seq).
        Assert.Equal([(1L, "Wants a refund for order 42 <i>today</i>", "bob")], notes.Select(n => (n.Seq, n.Text, n.TransferTo)));
        // A plain transfer adds no note; the offer still shows the last note the chat was transferred with.
        Assert.Equal(notes[0], back.TransferNote);
        Assert.DoesNotContain(ann.Messages.Seen, m => m.Text.Contains("refund", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_transfer_that_is_refused_or_declined_stores_no_note_and_hands_its_text_back_and_a_reloaded_offer_shows_it()
    {
        var server = Start();
        var (alice, ann) = await ChatWithAliceAsync(server);
        await using var bob = await server.ConnectAgentAsync("bob");

        // Refused at once (Bob is offline): an error, and no note.
        var refused = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync("TransferToAgentWithNote", ann.Id, "bob", "Refused note"));
        Assert.Empty(await alice.Connection.InvokeAsync<IReadOnlyList<NoteView>>("GetNotes", ann.Id));

        // Offered: a desk (re)loaded while the offer waits shows the note as the live offer did.
        await bob.GoAvailableAsync();
        await alice.Connection.InvokeAsync("TransferToAgentWithNote", ann.Id, "bob", "Declined note");
        var offer = await bob.Offers.WaitForAsync(o => o.ConversationId == ann.Id, "the transfer offer to Bob");
        var (_, offers) = await server.Services.GetRequiredService<AgentDesk>().GetWorkAsync("bob", CancellationToken.None);
        Assert.Equal(offer.TransferNote, Assert.Single(offers, o => o.OfferId == offer.OfferId).TransferNote);
        Assert.Equal("Declined note", offer.TransferNote?.Text);

        // Declined: the chat stays with Alice, the note is not stored and its text comes back to her.
        await bob.Connection.InvokeAsync("Decline", offer.OfferId);
        var failed = await alice.TransferFailed.WaitForAsync(f => f.ConversationId == ann.Id, "the failed transfer");

        Assert.NotEmpty(refused.Message);
        Assert.Equal(("declined", "Declined note"), (failed.Reason, failed.NoteText));
        Assert.Empty(await alice.Connection.InvokeAsync<IReadOnlyList<NoteView>>("GetNotes", ann.Id));
        // The next offer of this chat carries no stale note.
        await alice.Connection.InvokeAsync("TransferToAgent", ann.Id, "bob");
        var plain = await bob.Offers.WaitForAsync(o => o.ConversationId == ann.Id && o.OfferId != offer.OfferId, "the plain transfer offer");
        Assert.Null(plain.TransferNote);
    }

    [Fact]
    public async Task A_chat_that_ends_while_its_transfer_is_offered_keeps_no_held_note()
    {
        var server = Start();
        var (alice, ann) = await ChatWithAliceAsync(server);
        await using var bob = await server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        await alice.Connection.InvokeAsync("TransferToAgentWithNote", ann.Id, "bob", "Note for a chat that ends");
        await bob.Offers.WaitForAsync(o => o.ConversationId == ann.Id, "the transfer offer to Bob");
        var notes = server.Services.GetRequiredService<TransferNotes>();
        Assert.NotNull(await notes.ForOfferAsync(ann.Id, CancellationToken.None));

        await ann.Connection.InvokeAsync("End");

        await Eventually.ThatAsync<NoteView?>(() => notes.ForOfferAsync(ann.Id, CancellationToken.None), n => n is null, "the held note dropped with the chat's end");
        Assert.Empty(await alice.Connection.InvokeAsync<IReadOnlyList<NoteView>>("GetNotes", ann.Id));
    }

    [Fact]
    public async Task A_required_wrap_up_code_refuses_a_close_without_one_and_an_unknown_code()
    {
        var server = Start();
        await SetWrapUpCodesAsync(server, "support", required: true);
        var (alice, ann) = await ChatWithAliceAsync(server);

        var refused = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync("Close", ann.Id));
        var unknown = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync("CloseWithWrapUp", ann.Id, "nonsense"));
        var wrapUp = await alice.Connection.InvokeAsync<WrapUpView>("GetWrapUp", ann.Id);
        await alice.Connection.InvokeAsync("CloseWithWrapUp", ann.Id, "refund");

        Assert.Contains("Choose a wrap-up code", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'nonsense' is not a wrap-up code", unknown.Message, StringComparison.Ordinal);
        Assert.Equal((true, null), (wrapUp.CodeRequired, wrapUp.Code));
        Assert.Equal(["resolved", "refund"], wrapUp.Codes.Select(c => c.Code));
        await alice.Ended.WaitForAsync(e => e.ConversationId == ann.Id, "the close");
        Assert.Equal("refund", (await alice.Connection.InvokeAsync<WrapUpView>("GetWrapUp", ann.Id)).Code);
    }

    [Fact]
    public async Task An_optional_code_is_chosen_after_the_close_during_wrap_up_and_a_chosen_code_lets_a_required_close_through()
    {
        var server = Start();
        await SetWrapUpCodesAsync(server, "support", required: false);
        var (alice, ann) = await ChatWithAliceAsync(server);

        await alice.Connection.InvokeAsync("Close", ann.Id);
        await alice.Ended.WaitForAsync(e => e.ConversationId == ann.Id, "the close");
        var chosen = await alice.Connection.InvokeAsync<WrapUpView>("SetWrapUpCode", ann.Id, "resolved");

        Assert.Equal("resolved", chosen.Code);
        await SetWrapUpCodesAsync(server, "support", required: true);
        await using var carl = await CustomerSession.StartAsync(server, name: "Carl");
        await alice.AcceptAsync(carl.Id);
        await alice.Connection.InvokeAsync<WrapUpView>("SetWrapUpCode", carl.Id, "refund");
        await alice.Connection.InvokeAsync("Close", carl.Id);
        await alice.Ended.WaitForAsync(e => e.ConversationId == carl.Id, "the close of Carl's chat");
    }

    [Fact]
    public async Task Tags_are_trimmed_and_lower_case_at_most_ten_and_markup_is_refused()
    {
        var server = Start();
        var (alice, ann) = await ChatWithAliceAsync(server);

        var tagged = await alice.Connection.InvokeAsync<WrapUpView>("AddTag", ann.Id, "  VIP Customer ");
        await alice.Connection.InvokeAsync<WrapUpView>("AddTag", ann.Id, "vip customer");
        var markup = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync<WrapUpView>("AddTag", ann.Id, "<b>x</b>"));
        var tooLong = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync<WrapUpView>("AddTag", ann.Id, new string('a', 33)));
        for (var i = 2; i <= 10; i++)
        {
            await alice.Connection.InvokeAsync<WrapUpView>("AddTag", ann.Id, $"tag-{i}");
        }

        var eleventh = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync<WrapUpView>("AddTag", ann.Id, "one-more"));
        var removed = await alice.Connection.InvokeAsync<WrapUpView>("RemoveTag", ann.Id, "VIP customer");

        Assert.Equal(["vip customer"], tagged.Tags);
        Assert.Contains("1–32 letters", markup.Message, StringComparison.Ordinal);
        Assert.Contains("1–32 letters", tooLong.Message, StringComparison.Ordinal);
        Assert.Contains("at most 10 tags", eleventh.Message, StringComparison.Ordinal);
        Assert.Equal(9, removed.Tags.Count);
        Assert.DoesNotContain("vip customer", removed.Tags);
    }

    [Fact]
    public async Task Wrap_up_codes_and_tags_are_in_the_conversation_report_and_filter_it_in_json_and_csv()
    {
        var server = Start();
        await SetWrapUpCodesAsync(server, "support", required: false);
        var (alice, ann) = await ChatWithAliceAsync(server);
        await alice.Connection.InvokeAsync<WrapUpView>("AddTag", ann.Id, "VIP");
        await alice.Connection.InvokeAsync<WrapUpView>("AddTag", ann.Id, "upsell");
        await alice.Connection.InvokeAsync<WrapUpView>("AddTag", ann.Id, "gone-soon");
        await alice.Connection.InvokeAsync<WrapUpView>("RemoveTag", ann.Id, "gone-soon");
        await alice.Connection.InvokeAsync("CloseWithWrapUp", ann.Id, "resolved");
        await alice.Connection.InvokeAsync<WrapUpView>("SetWrapUpCode", ann.Id, "refund");
        await using var carl = await CustomerSession.StartAsync(server, name: "Carl");
        await alice.AcceptAsync(carl.Id);
        await alice.Connection.InvokeAsync<WrapUpView>("AddTag", carl.Id, "upsell");

        await server.Services.GetRequiredService<QueueProjection>().CatchUpAsync(CancellationToken.None);
        using var admin = server.CreateClient(await server.LoginAsync("admin"));
        var range = $"from={DateTimeOffset.UtcNow.AddHours(-1):yyyy-MM-ddTHH:mm:ssZ}&to={DateTimeOffset.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}";
        async Task<JsonArray> Report(string query) => (await admin.GetFromJsonAsync<JsonArray>($"api/v1/reports/conversations?{range}{query}"))!;

        var refund = Assert.Single(await Report("&wrapUpCode=refund"))!;
        var vip = Assert.Single(await Report("&tag=%20VIP%20"))!;
        var upsell = await Report("&tag=upsell");
        var none = await Report("&tag=gone-soon");
        using var badTag = await admin.GetAsync($"api/v1/reports/conversations?{range}&tag=%3Cb%3E");
        var csv = await admin.GetStringAsync($"api/v1/reports/conversations?{range}&wrapUpCode=refund&format=csv");

        Assert.Equal((ann.Id.ToString(), "refund"), ((string)refund["id"]!, (string)refund["wrapUpCode"]!));
        Assert.Equal(["upsell", "vip"], refund["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(ann.Id.ToString(), (string)vip["id"]!);
        Assert.Equal(2, upsell.Count);
        Assert.Empty(none);
        Assert.Equal(HttpStatusCode.BadRequest, badTag.StatusCode);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("wrapUpCode,tags", lines[0].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.EndsWith("refund,\"upsell, vip\"", lines[1].TrimEnd('\r'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chats_agent_changes_code_and_tags_until_a_day_after_the_end_and_its_queues_supervisor_or_an_admin_at_any_time()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var server = Start(time);
        await SetWrapUpCodesAsync(server, "support", required: false);
        var bob = await server.ConnectAgentAsync("bob");
        _owned.Add(bob);
        await bob.GoAvailableAsync();
        var ann = await CustomerSession.StartAsync(server);
        _owned.Add(ann);
        await bob.AcceptAsync(ann.Id);
        await bob.Connection.InvokeAsync("CloseWithWrapUp", ann.Id, "resolved");
        await bob.Ended.WaitForAsync(e => e.ConversationId == ann.Id, "the close");
        var wrapUp = $"api/v1/agent/conversations/{ann.Id}/wrap-up/code";
        var tags = $"api/v1/agent/conversations/{ann.Id}/tags";

        // A second before the window closes the chat's agent still corrects it.
        time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        using (var bobWithin = server.CreateClient(await server.LoginAsync("bob")))
        {
            Assert.Equal(HttpStatusCode.OK, (await bobWithin.PutAsJsonAsync(wrapUp, new { code = "refund" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await bobWithin.PostAsJsonAsync(tags, new { tag = "late" })).StatusCode);
        }

        // Two seconds later it is settled for him: 409 with a clear title, and nothing changed or recorded.
        time.Advance(TimeSpan.FromSeconds(2));
        using var bobAfter = server.CreateClient(await server.LoginAsync("bob"));
        using var code = await bobAfter.PutAsJsonAsync(wrapUp, new { code = "resolved" });
        using var tag = await bobAfter.PostAsJsonAsync(tags, new { tag = "too-late" });
        using var untag = await bobAfter.DeleteAsync($"{tags}/late");
        var problem = await code.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict), (code.StatusCode, tag.StatusCode, untag.StatusCode));
        Assert.Equal("Wrap-up closed", (string?)problem!["title"]);
        Assert.Contains("more than 24 hours ago", (string?)problem["detail"], StringComparison.Ordinal);
        var read = await bobAfter.GetFromJsonAsync<WrapUpView>($"api/v1/agent/conversations/{ann.Id}/wrap-up", TestJson.Options);
        Assert.Equal("refund", read!.Code);
        Assert.Equal(["late"], read.Tags);

        // Alice supervises support and the admin every queue: both still may, and each change is a fact in the report log.
        using var alice = server.CreateClient(await server.LoginAsync("alice"));
        using var admin = server.CreateClient(await server.LoginAsync("admin"));
        Assert.Equal(HttpStatusCode.OK, (await alice.PutAsJsonAsync(wrapUp, new { code = "resolved" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync(tags, new { tag = "audited" })).StatusCode);
        await server.Services.GetRequiredService<QueueProjection>().CatchUpAsync(CancellationToken.None);
        var range = $"from={time.GetUtcNow().AddDays(-2):yyyy-MM-ddTHH:mm:ssZ}&to={time.GetUtcNow().AddHours(1):yyyy-MM-ddTHH:mm:ssZ}";
        var row = Assert.Single((await admin.GetFromJsonAsync<JsonArray>($"api/v1/reports/conversations?{range}"))!)!;
        Assert.Equal("resolved", (string?)row["wrapUpCode"]);
        Assert.Equal(["audited", "late"], row["tags"]!.AsArray().Select(t => (string)t!));
    }

    /// <summary>Gives the queue the codes <c>resolved</c> and <c>refund</c> through the admin API, as an admin would.</summary>
    internal static async Task SetWrapUpCodesAsync(IParleyAddress server, string queue, bool required)
    {
        using var admin = server.CreateClient(await server.LoginAsync("admin"));
        var definition = (await admin.GetFromJsonAsync<JsonObject>($"api/v1/admin/queues/{queue}"))!;
        definition["wrapUpCodes"] = new JsonArray(
            new JsonObject { ["code"] = "resolved", ["label"] = "Resolved" },
            new JsonObject { ["code"] = "refund", ["label"] = "Refund <given>" });
        definition["wrapUpCodeRequired"] = required;
        var response = await admin.PutAsJsonAsync($"api/v1/admin/queues/{queue}", definition);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<(AgentSession Alice, CustomerSession Ann)> ChatWithAliceAsync(ParleyServer server)
    {
        var alice = await server.ConnectAgentAsync("alice");
        _owned.Add(alice);
        await alice.GoAvailableAsync();
        var ann = await CustomerSession.StartAsync(server);
        _owned.Add(ann);
        await alice.AcceptAsync(ann.Id);
        return (alice, ann);
    }

    private ParleyServer Start(FakeTimeProvider? time = null)
    {
        var server = new ParleyServer(settings: _database?.ServerSettings(), time: time);
        _owned.Add(server);
        return server;
    }
}

/// <summary>On SQLite, the server's own database file.</summary>
public sealed class NotesOnSqliteTests : NotesSpecification
{
    protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(null);
}

/// <summary>On PostgreSQL (<c>PARLEY_TEST_POSTGRES</c>): a database per test.</summary>
public sealed class NotesOnPostgresTests : NotesSpecification
{
    protected override async Task<TestDatabase?> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
