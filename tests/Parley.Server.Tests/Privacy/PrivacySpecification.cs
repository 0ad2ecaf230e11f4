using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Audit;
using Parley.Server.Privacy;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Privacy;

/// <summary>
/// Data protection against the real server on every provider (<see cref="SqlitePrivacyTests"/>,
/// <see cref="PostgresPrivacyTests"/>): an admin erases a customer's data on request — nothing of it stays readable
/// by the customer's link, the agents, the file links or the outbox, while the report figures stay right — and each
/// queue's retention removes its ended conversations once they are old enough.
/// </summary>
public abstract class PrivacySpecification : IAsyncLifetime
{
    private const string Erasures = "api/v1/admin/erasures";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase? _database;
    private ParleyServer? _server;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private ParleyServer Server => _server!;

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _server = new ParleyServer(settings: _database.ServerSettings(), time: _time);
    }

    public async Task DisposeAsync()
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

    [Fact]
    public async Task An_erased_customers_chats_files_and_mails_are_gone_everywhere_while_the_reports_still_count_them()
    {
        await using var alice = await Server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        var (erased, fileUrl) = await EndedChatWithFileAsync(alice, "Ann Erased", "ann.erased@example.com");
        var (kept, _) = await EndedChatWithFileAsync(alice, "Bo Kept", "bo.kept@example.com");
        using var admin = await ClientAsync("admin");
        // The reports have counted both chats before the erasure.
        await Eventually.ThatAsync(() => ConversationReportCountAsync(admin), n => n == 2, "both chats in the conversation report");

        using var response = await admin.PostAsJsonAsync(Erasures, new { email = "ANN.Erased@example.com" });
        var result = await response.Content.ReadFromJsonAsync<ErasureResult>(TestJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, 1), (result!.Conversations, result.Files));
        Assert.True(result.Messages >= 2, $"{result.Messages} messages");
        using var customer = Server.CreateClient(erased.CustomerToken);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"api/v1/conversations/{erased.ConversationId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync(fileUrl)).StatusCode);
        await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync<List<JsonElement>>("GetTranscript", erased.ConversationId));
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>($"api/v1/admin/mail?conversationId={erased.ConversationId}")).GetProperty("total").GetInt32());
        // Not findable by her name, her address or her words; the kept customer still is.
        foreach (var words in new[] { "Erased", "ann.erased@example.com", "\"Thanks Ann Erased\"" })
        {
            var found = await admin.GetFromJsonAsync<JsonElement>($"api/v1/agent/conversations?q={Uri.EscapeDataString(words)}");
            Assert.Equal(0, found.GetProperty("items").GetArrayLength());
        }

        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>("api/v1/agent/conversations?q=Kept")).GetProperty("items").GetArrayLength());
        await using (var context = _database!.CreateContext())
        {
            Assert.False(await context.Conversations.AnyAsync(c => c.Id == erased.ConversationId));
            Assert.False(await context.Messages.AnyAsync(m => m.ConversationId == erased.ConversationId));
            Assert.True(await context.Conversations.AnyAsync(c => c.Id == kept.ConversationId));
        }

        // The kept customer's photo is the only original left (with its preview).
        Assert.Single(Directory.EnumerateFiles(AttachmentSpecification.FilesDirectory(Server)), f => !f.EndsWith(".preview", StringComparison.Ordinal));
        Assert.Equal(2, await ConversationReportCountAsync(admin));
        var audit = await admin.GetStringAsync($"api/v1/admin/audit?action={AuditActions.CustomerErased}");
        Assert.Contains(result.Subject, audit, StringComparison.Ordinal);
        Assert.Equal("customer:" + CustomerErasure.Hash("ann.erased@example.com"), result.Subject);
        Assert.DoesNotContain("ann.erased", audit, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_erasure_is_refused_while_the_customers_chat_is_open_and_removes_nothing()
    {
        var open = await Server.StartConversationAsync(name: "Still Here");
        using var admin = await ClientAsync("admin");

        using var response = await admin.PostAsJsonAsync(Erasures, new { conversationId = open.ConversationId });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var customer = Server.CreateClient(open.CustomerToken);
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync($"api/v1/conversations/{open.ConversationId}")).StatusCode);
    }

    [Fact]
    public async Task A_preview_lists_the_customers_conversations_open_ones_included_and_removes_nothing()
    {
        await using var alice = await Server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        var (ended, _) = await EndedChatWithFileAsync(alice, "Pia Preview", "pia@example.com");
        await EndedChatAsync(alice, "support", "Someone Else");
        _time.Advance(TimeSpan.FromMinutes(5)); // she comes back later: the newer chat is listed first
        using var starter = Server.CreateClient();
        using var started = await starter.PostAsJsonAsync("api/v1/conversations",
            new { queue = "support", customer = new { name = "Pia Preview", email = "PIA@example.com" }, answers = new { topic = "An order" } });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var open = (await started.Content.ReadFromJsonAsync<StartedConversation>(TestJson.Options))!;
        using var admin = await ClientAsync("admin");
        using var supervisor = await ClientAsync("alice");

        using var response = await admin.PostAsJsonAsync(Erasures + "/preview", new { email = "pia@example.com" });
        var match = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversations = match.GetProperty("conversations").EnumerateArray().ToList();
        Assert.Equal([open.ConversationId, ended.ConversationId], conversations.Select(c => c.GetProperty("conversationId").GetGuid()));
        Assert.Equal(["queued", "ended"], conversations.Select(c => c.GetProperty("state").GetString()));
        Assert.Equal(1, match.GetProperty("open").GetInt32());
        Assert.Equal("customer:" + CustomerErasure.Hash("pia@example.com"), match.GetProperty("subject").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync(Erasures + "/preview", new { email = "pia@example.com" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync(Erasures + "/preview", new { visitorId = "" })).StatusCode);
        await using var context = _database!.CreateContext();
        Assert.Equal(2, await context.Conversations.CountAsync(c => c.CustomerName == "Pia Preview"));
        Assert.Equal(0, (await admin.GetFromJsonAsync<AuditPage>($"api/v1/admin/audit?action={AuditActions.CustomerErased}", TestJson.Options))!.Total);
    }

    [Fact]
    public async Task An_erasure_needs_an_admin_and_someone_to_erase()
    {
        using var admin = await ClientAsync("admin");
        using var supervisor = await ClientAsync("alice");

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync(Erasures, new { email = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync(Erasures, new { conversationId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync(Erasures, new { email = "ann@example.com" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.CreateClient().PostAsJsonAsync(Erasures, new { email = "ann@example.com" })).StatusCode);
    }

    [Fact]
    public async Task A_queues_retention_removes_its_chats_once_they_ended_long_enough_ago_and_nothing_else()
    {
        await using var alice = await Server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        using var admin = await ClientAsync("admin");
        var support = await admin.GetFromJsonAsync<JsonObject>("api/v1/admin/queues/support");
        support!["retentionDays"] = 30;
        (await admin.PutAsJsonAsync("api/v1/admin/queues/support", support)).EnsureSuccessStatusCode();
        var (old, _) = await EndedChatWithFileAsync(alice, "Old Olga", "olga@example.com");
        var otherQueue = await EndedChatAsync(alice, "sales", "Sales Sam");
        // Twenty days on, alice's sign-in has long expired: she signs off, and bob takes the next chat.
        await alice.Connection.InvokeAsync("SetPresence", "offline");
        _time.Advance(TimeSpan.FromDays(20));
        await using var bob = await Server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        var (recent, _) = await EndedChatWithFileAsync(bob, "Recent Rita", "rita@example.com");
        _time.Advance(TimeSpan.FromDays(11));

        // The hourly sweep has come round on the server's clock (the admin signs in again: a month has passed).
        using var later = await ClientAsync("admin");
        var audit = await Eventually.ThatAsync(
            () => later.GetFromJsonAsync<AuditPage>($"api/v1/admin/audit?action={AuditActions.RetentionApplied}", TestJson.Options),
            page => page!.Total > 0, "the retention applied");
        var again = await Server.Services.GetRequiredService<ConversationRetention>().SweepAsync(CancellationToken.None);

        await using var context = _database!.CreateContext();
        Assert.False(await context.Conversations.AnyAsync(c => c.Id == old.ConversationId));
        Assert.Equal(PurgeCount.None, again);
        Assert.True(await context.Conversations.AnyAsync(c => c.Id == recent.ConversationId));
        Assert.True(await context.Conversations.AnyAsync(c => c.Id == otherQueue));
        var entry = Assert.Single(audit!.Items);
        Assert.Equal(("system", "queue:support", 1, 1), (entry.Actor, entry.Subject, entry.After!.Value.GetProperty("conversations").GetInt32(), entry.After.Value.GetProperty("files").GetInt32()));
    }

    [Fact]
    public async Task A_retention_outside_one_to_3650_days_is_400()
    {
        using var admin = await ClientAsync("admin");
        var support = await admin.GetFromJsonAsync<JsonObject>("api/v1/admin/queues/support");
        support!["retentionDays"] = 0;

        using var response = await admin.PutAsJsonAsync("api/v1/admin/queues/support", support);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("retentionDays", out _), problem.ToString());
    }

    /// <summary>A support chat with a customer photo and an agent reply, closed by the agent; answers its customer link of the photo.</summary>
    private async Task<(StartedConversation Chat, string FileUrl)> EndedChatWithFileAsync(AgentSession agent, string name, string email)
    {
        using var starter = Server.CreateClient();
        using var started = await starter.PostAsJsonAsync("api/v1/conversations",
            new { queue = "support", customer = new { name, email }, answers = new { topic = "An order" } });
        var chat = (await started.Content.ReadFromJsonAsync<StartedConversation>(TestJson.Options))!;
        await agent.AcceptAsync(chat.ConversationId);
        using var customer = Server.CreateClient(chat.CustomerToken);
        using var upload = await AttachmentSpecification.UploadAsync(customer, $"api/v1/conversations/{chat.ConversationId}/attachments", SampleFiles.Png(), "receipt.png");
        upload.EnsureSuccessStatusCode();
        var url = ((string?)(await upload.Content.ReadFromJsonAsync<JsonObject>())!["url"])!.TrimStart('/');
        await agent.Connection.InvokeAsync<MessageAccepted>("Send", chat.ConversationId, Guid.NewGuid().ToString(), $"Thanks {name}, sorted.");
        await agent.Connection.InvokeAsync("Close", chat.ConversationId);
        return (chat, url);
    }

    private async Task<Guid> EndedChatAsync(AgentSession agent, string queue, string name)
    {
        var chat = await Server.StartConversationAsync(queue, name);
        await agent.AcceptAsync(chat.ConversationId);
        await agent.Connection.InvokeAsync("Close", chat.ConversationId);
        return chat.ConversationId;
    }

    private async Task<int> ConversationReportCountAsync(HttpClient admin)
    {
        var from = Uri.EscapeDataString(_time.GetUtcNow().AddDays(-1).ToString("O"));
        var to = Uri.EscapeDataString(_time.GetUtcNow().AddDays(1).ToString("O"));
        return (await admin.GetFromJsonAsync<JsonElement>($"api/v1/reports/conversations?from={from}&to={to}")).GetArrayLength();
    }

    private async Task<HttpClient> ClientAsync(string username) => Server.CreateClient(await Server.LoginAsync(username));
}
