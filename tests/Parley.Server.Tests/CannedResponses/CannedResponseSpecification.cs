using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Server.CannedResponses;
using Parley.Server.Files;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.CannedResponses;

/// <summary>
/// The canned-response API against the real server on every provider (<see cref="SqliteCannedResponseTests"/>,
/// <see cref="PostgresCannedResponseTests"/>). The demo accounts: bob is an agent of support and sales, alice a supervisor
/// of support, sales and billing, admin an admin who serves no queue; the queue <c>returns</c> is one alice does not serve.
/// </summary>
public abstract partial class CannedResponseSpecification : IAsyncLifetime
{
    private const string Agent = "api/v1/agent/canned-responses";
    private const string Admin = "api/v1/admin/canned-responses";

    private TestDatabase? _database;
    private ParleyServer? _server;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private ParleyServer Server => _server!;

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _server = new ParleyServer(settings: _database.ServerSettings());
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
    public async Task An_agent_writes_changes_and_deletes_their_own_and_nobody_else_sees_them()
    {
        using var bob = await ClientAsync("bob");
        using var alice = await ClientAsync("alice");

        var created = await bob.PostAsJsonAsync(Agent, new { shortcut = "thanks", title = "Thanks", text = "Thank you, {customer.name}!" });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/{Agent}/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(["id", "scope", "queue", "shortcut", "title", "text", "attachmentId", "attachment", "updatedAt"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("personal", JsonValueKind.Null), (body.GetProperty("scope").GetString(), body.GetProperty("queue").ValueKind));

        var changed = await bob.PutAsJsonAsync($"{Agent}/{id}", new { shortcut = "ty", title = "Thank you", text = "Thanks a lot!", scope = "global" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var listed = Assert.Single(await ListAsync(bob, Agent), r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal(("ty", "Thank you", "Thanks a lot!", "personal"), Fields(listed));

        Assert.DoesNotContain(await ListAsync(alice, Agent), r => r.GetProperty("id").GetGuid() == id);
        await CustomerApiTests.AssertProblemAsync(await alice.PutAsJsonAsync($"{Agent}/{id}", new { shortcut = "x", title = "x", text = "x" }), HttpStatusCode.NotFound);
        await CustomerApiTests.AssertProblemAsync(await alice.DeleteAsync($"{Agent}/{id}"), HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NoContent, (await bob.DeleteAsync($"{Agent}/{id}")).StatusCode);
        Assert.DoesNotContain(await ListAsync(bob, Agent), r => r.GetProperty("id").GetGuid() == id);
        await CustomerApiTests.AssertProblemAsync(await bob.DeleteAsync($"{Agent}/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_agent_reads_their_own_their_queues_and_the_global_ones_only()
    {
        using var admin = await AdminAnnouncementApiTests.AdminClientAsync(Server);
        await AdminAnnouncementApiTests.CreateQueueAsync(admin, "returns");
        using var bob = await ClientAsync("bob");
        using var alice = await ClientAsync("alice");
        await CreateAsync(admin, Admin, new { shortcut = "hello", title = "Greeting", text = "Hello, I am {agent.name}." });
        await CreateAsync(admin, Admin, new { shortcut = "rma", title = "Return label", text = "Your label", scope = "queue", queue = "returns" });
        await CreateAsync(alice, Agent, new { shortcut = "refund", title = "Refund", text = "Refund {?Order number}", scope = "queue", queue = "support" });
        await CreateAsync(alice, Agent, new { shortcut = "mine", title = "Alice's", text = "Only mine" });
        await CreateAsync(bob, Agent, new { shortcut = "refund", title = "Bob's refund", text = "Mine first" });

        var bobs = await ListAsync(bob, Agent);
        var alices = await ListAsync(alice, Agent);
        var admins = await ListAsync(admin, Agent);

        Assert.Equal([("hello", "global", null), ("refund", "personal", null), ("refund", "queue", "support")], bobs.Select(Scoped));
        Assert.Equal([("hello", "global", null), ("mine", "personal", null), ("refund", "queue", "support")], alices.Select(Scoped));
        Assert.Equal([("hello", "global", null)], admins.Select(Scoped));
        Assert.Equal(
            [("hello", "global", null), ("refund", "queue", "support")],
            (await ListAsync(alice, Admin)).Select(Scoped));
        Assert.Equal(
            [("hello", "global", null), ("rma", "queue", "returns"), ("refund", "queue", "support")],
            (await ListAsync(admin, Admin)).Select(Scoped));
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync(Admin)).StatusCode);
        using var anonymous = Server.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Agent)).StatusCode);
    }

    [Fact]
    public async Task Only_admins_write_global_ones_and_a_queues_only_its_supervisors_or_admins()
    {
        using var admin = await AdminAnnouncementApiTests.AdminClientAsync(Server);
        await AdminAnnouncementApiTests.CreateQueueAsync(admin, "returns");
        using var bob = await ClientAsync("bob");
        using var alice = await ClientAsync("alice");
        var global = await CreateAsync(admin, Admin, new { shortcut = "hello", title = "Greeting", text = "Hello" });
        var support = await CreateAsync(alice, Agent, new { shortcut = "refund", title = "Refund", text = "Refund", scope = "queue", queue = "support" });
        var returns = await CreateAsync(admin, Agent, new { shortcut = "rma", title = "Return", text = "Label", scope = "queue", queue = "returns" });
        var edit = new { shortcut = "changed", title = "Changed", text = "Changed" };

        // An agent: no global, no queue's, neither through the agent's path nor the admin's.
        await AssertForbiddenAsync(bob.PostAsJsonAsync(Agent, new { shortcut = "g", title = "G", text = "G", scope = "global" }));
        await AssertForbiddenAsync(bob.PostAsJsonAsync(Agent, new { shortcut = "q", title = "Q", text = "Q", scope = "queue", queue = "support" }));
        await AssertForbiddenAsync(bob.PostAsJsonAsync(Admin, new { shortcut = "g", title = "G", text = "G" }));
        await AssertForbiddenAsync(bob.PutAsJsonAsync($"{Agent}/{support}", edit));
        await AssertForbiddenAsync(bob.DeleteAsync($"{Agent}/{global}"));

        // A supervisor: their queues' only, never a global one.
        await AssertForbiddenAsync(alice.PostAsJsonAsync(Agent, new { shortcut = "q", title = "Q", text = "Q", scope = "queue", queue = "returns" }));
        await AssertForbiddenAsync(alice.PostAsJsonAsync(Admin, new { shortcut = "g", title = "G", text = "G" }));
        await AssertForbiddenAsync(alice.PutAsJsonAsync($"{Admin}/{global}", edit));
        await CustomerApiTests.AssertProblemAsync(await alice.PutAsJsonAsync($"{Agent}/{returns}", edit), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await alice.PutAsJsonAsync($"{Admin}/{support}", edit)).StatusCode);

        // An admin: every queue's and the global ones.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{Admin}/{global}", edit)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Admin}/{returns}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Admin}/{support}")).StatusCode);
        Assert.Equal([("changed", "global", null)], (await ListAsync(admin, Admin)).Select(Scoped));

        // A deleted queue's responses are no longer listed.
        await CreateAsync(admin, Admin, new { shortcut = "rma", title = "Return", text = "Label", scope = "queue", queue = "returns" });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("api/v1/admin/queues/returns")).StatusCode);
        Assert.Equal([("changed", "global", null)], (await ListAsync(admin, Admin)).Select(Scoped));
    }

    [Fact]
    public async Task Changes_to_a_queues_and_the_global_responses_are_in_the_audit_log_an_agents_own_are_not()
    {
        using var admin = await ClientAsync("admin");
        using var alice = await ClientAsync("alice");
        using var bob = await ClientAsync("bob");

        var created = await (await alice.PostAsJsonAsync(Agent, new { scope = "queue", queue = "support", shortcut = "refund", title = "Refund", text = "Refunds take 5 days." }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        (await alice.PutAsJsonAsync($"{Agent}/{id}", new { shortcut = "refund", title = "Refund", text = "Refunds take 3 days." })).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"{Admin}/{id}")).EnsureSuccessStatusCode();
        (await bob.PostAsJsonAsync(Agent, new { shortcut = "mine", title = "Mine", text = "My own words." })).EnsureSuccessStatusCode();

        var log = await admin.GetFromJsonAsync<JsonElement>("api/v1/admin/audit");
        var entries = log.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("action").GetString()!.StartsWith("cannedResponse.", StringComparison.Ordinal)).Reverse().ToList();
        Assert.Equal(
            [("alice", "cannedResponse.created"), ("alice", "cannedResponse.changed"), ("admin", "cannedResponse.deleted")],
            entries.Select(e => (e.GetProperty("actor").GetString(), e.GetProperty("action").GetString())));
        Assert.All(entries, e => Assert.Equal($"cannedResponse:{id}", e.GetProperty("subject").GetString()));
        Assert.Equal("Refunds take 5 days.", entries[1].GetProperty("before").GetProperty("text").GetString());
        Assert.Equal(("support", "Refunds take 3 days."), (entries[1].GetProperty("after").GetProperty("queue").GetString(), entries[1].GetProperty("after").GetProperty("text").GetString()));
        Assert.Equal(JsonValueKind.Null, entries[2].GetProperty("after").ValueKind);
        Assert.DoesNotContain(log.GetProperty("items").EnumerateArray(), e => e.GetProperty("actor").GetString() == "bob");
    }

    [Fact]
    public async Task A_shortcut_is_unique_per_scope_and_owner_and_bad_fields_are_named()
    {
        using var bob = await ClientAsync("bob");
        using var alice = await ClientAsync("alice");
        await CreateAsync(bob, Agent, new { shortcut = "refund", title = "Refund", text = "Refund" });
        await CreateAsync(alice, Agent, new { shortcut = "refund", title = "Refund", text = "Refund" });
        await CreateAsync(alice, Agent, new { shortcut = "refund", title = "Refund", text = "Refund", scope = "queue", queue = "support" });

        var twice = await CustomerApiTests.AssertProblemAsync(await bob.PostAsJsonAsync(Agent, new { shortcut = "refund", title = "Again", text = "Again" }), HttpStatusCode.BadRequest);
        var invalid = await CustomerApiTests.AssertProblemAsync(
            await bob.PostAsJsonAsync(Agent, new { shortcut = "Refund!", title = "", text = new string('x', 4001) }), HttpStatusCode.BadRequest);
        var noQueue = await CustomerApiTests.AssertProblemAsync(
            await alice.PostAsJsonAsync(Agent, new { shortcut = "q", title = "Q", text = "Q", scope = "queue", queue = "no-such-queue" }), HttpStatusCode.BadRequest);
        var badScope = await CustomerApiTests.AssertProblemAsync(await bob.PostAsJsonAsync(Agent, new { shortcut = "s", title = "S", text = "S", scope = "team" }), HttpStatusCode.BadRequest);

        Assert.Equal(["shortcut"], twice.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["shortcut", "text", "title"], invalid.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["queue"], noQueue.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["scope"], badScope.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Single(await ListAsync(bob, Agent), r => r.GetProperty("scope").GetString() == "personal");
    }

    [Fact]
    public async Task Html_in_a_response_is_stored_and_read_back_as_typed()
    {
        using var bob = await ClientAsync("bob");
        const string Text = "<script>alert('x')</script><b>{customer.name}</b> & {?Order <number>}";
        const string Title = "<img src=x onerror=alert(1)>";
        var attachment = await UploadFileAsync(bob, SampleFiles.Text(), "notes.txt");

        await CreateAsync(bob, Agent, new { shortcut = "html", title = Title, text = Text, attachmentId = attachment });

        var read = Assert.Single(await ListAsync(bob, Agent));
        Assert.Equal((Title, Text, attachment), (read.GetProperty("title").GetString(), read.GetProperty("text").GetString(), read.GetProperty("attachmentId").GetGuid()));
    }

    [Fact]
    public async Task A_responses_file_reaches_the_customer_with_its_text_and_a_file_no_longer_stored_sends_nothing()
    {
        await using var bob = await Server.ConnectAgentAsync("bob");
        await bob.GoAvailableAsync();
        await using var ann = await CustomerSession.StartAsync(Server);
        await bob.AcceptAsync(ann.Id);
        var image = SampleFiles.Png(32, 32);
        using var client = await ClientAsync("bob");
        var withFile = await CreateAsync(client, Agent, new { shortcut = "form", title = "Return form", text = "Here is the form.", attachmentId = await UploadFileAsync(client, image, "return-form.png") });
        var lost = await UploadFileAsync(client, SampleFiles.Text(), "lost.txt");
        var gone = await CreateAsync(client, Agent, new { shortcut = "gone", title = "Gone", text = "Lost file.", attachmentId = lost });
        await Server.Services.GetRequiredService<IFileStore>().DeleteAsync(lost, CancellationToken.None);
        var sending = Server.Services.GetRequiredService<CannedResponseSending>();

        var (file, text) = await sending.SendAsync("bob", ann.Id, withFile, "Here is the form.", CancellationToken.None);

        // The customer receives the file like any agent attachment (their own link), then the text.
        var atCustomer = await ann.Messages.WaitForAsync(m => m.Seq == file.Seq && m.Attachment is not null, "the file at the customer");
        await ann.Messages.WaitForAsync(m => m.Seq == text!.Seq && m.Text == "Here is the form.", "the text at the customer");
        Assert.Equal(("return-form.png", "image/png", (long)image.Length), (atCustomer.Attachment!.Name, atCustomer.Attachment.ContentType, atCustomer.Attachment.Size));
        using var customer = Server.CreateClient(ann.Conversation.CustomerToken);
        Assert.Equal(image, await customer.GetByteArrayAsync(atCustomer.Attachment.Url));
        Assert.True(file.Seq < text!.Seq);

        // A file no longer stored: a clear error, and nothing of the reply is sent.
        var before = (await bob.Connection.InvokeAsync<IReadOnlyList<MessageView>>("GetTranscript", ann.Id)).Count;
        var refused = await Assert.ThrowsAsync<CoreException>(() => sending.SendAsync("bob", ann.Id, gone, "Lost file.", CancellationToken.None));
        Assert.Equal(CoreError.NotFound, refused.Failure.Error);
        Assert.Contains("'/gone' is no longer stored; nothing was sent", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await bob.Connection.InvokeAsync<IReadOnlyList<MessageView>>("GetTranscript", ann.Id)).Count);
        // Another agent's own response is not theirs to send.
        await Assert.ThrowsAsync<CoreException>(() => sending.SendAsync("alice", ann.Id, withFile, null, CancellationToken.None));
    }

    [Fact]
    public async Task The_openapi_document_describes_both_paths()
    {
        using var client = Server.CreateClient();
        var paths = (await client.GetFromJsonAsync<JsonElement>("openapi/v1.json")).GetProperty("paths");

        foreach (var path in new[] { "/" + Agent, $"/{Agent}/{{id}}", $"/{Agent}/files", "/" + Admin, $"/{Admin}/{{id}}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }

    private async Task<HttpClient> ClientAsync(string username) => Server.CreateClient(await Server.LoginAsync(username));

    private static async Task<Guid> CreateAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string path) =>
        [.. (await client.GetFromJsonAsync<JsonElement>(path)).EnumerateArray()];

    private static async Task AssertForbiddenAsync(Task<HttpResponseMessage> request) =>
        Assert.Equal(HttpStatusCode.Forbidden, (await request).StatusCode);

    private static (string?, string?, string?, string?) Fields(JsonElement r) =>
        (r.GetProperty("shortcut").GetString(), r.GetProperty("title").GetString(), r.GetProperty("text").GetString(), r.GetProperty("scope").GetString());

    private static (string?, string?, string?) Scoped(JsonElement r) =>
        (r.GetProperty("shortcut").GetString(), r.GetProperty("scope").GetString(), r.GetProperty("queue").GetString());
}
