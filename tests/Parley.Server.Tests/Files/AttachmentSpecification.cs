using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Files;
using Parley.Server.Storage;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Storage;

namespace Parley.Server.Tests.Files;

/// <summary>
/// Attachments against the real server, on each provider: the customer's upload and the agent's, the type from the
/// content (415 otherwise), the size limit (413), safe names, private files, signed expiring links served with
/// nosniff and Content-Disposition, and previews without the original's metadata.
/// </summary>
public abstract class AttachmentSpecification : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    private TestDatabase? _database;

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
    public async Task A_customers_photo_reaches_the_agent_with_a_preview_without_exif_while_the_original_keeps_it()
    {
        var server = Start();
        await using var alice = await server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        var chat = await server.StartConversationAsync();
        await alice.AcceptAsync(chat.ConversationId);
        using var customer = server.CreateClient(chat.CustomerToken);
        var photo = SampleFiles.JpegWithExif();

        using var response = await UploadAsync(customer, $"api/v1/conversations/{chat.ConversationId}/attachments", photo, "../../holiday/IMG_0001.jpg");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("image/jpeg", (string?)accepted["contentType"]);
        Assert.Equal(photo.Length, (long)accepted["size"]!);
        Assert.Equal("IMG_0001.jpg", (string?)accepted["name"]);
        Assert.StartsWith("/api/v1/files/", (string?)accepted["url"], StringComparison.Ordinal);
        var pushed = await alice.Messages.WaitForAsync(m => m.Message.Attachment is not null, "the photo");
        var attachment = pushed.Message.Attachment!;
        Assert.Equal((MessageSender.Customer, "IMG_0001.jpg", "image/jpeg"), (pushed.Message.Sender, attachment.Name, attachment.ContentType));
        Assert.StartsWith(AttachmentLinks.AgentPath, attachment.Url, StringComparison.Ordinal);

        using var agentHttp = server.CreateClient(await server.LoginAsync("alice"));
        using var original = await agentHttp.GetAsync(attachment.Url.TrimStart('/'));
        using var preview = await agentHttp.GetAsync(attachment.PreviewUrl!.TrimStart('/'));

        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(photo, await original.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", original.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("IMG_0001.jpg", original.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("image/jpeg", original.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["nosniff"], original.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal("inline", preview.Content.Headers.ContentDisposition?.DispositionType);
        var previewBytes = await preview.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain(SampleFiles.ExifSecret, Encoding.ASCII.GetString(previewBytes), StringComparison.Ordinal);
        Assert.Contains(SampleFiles.ExifSecret, Encoding.ASCII.GetString(await original.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.True(previewBytes.Length < photo.Length);

        await using var db = await ContextAsync(server);
        var stored = await db.Messages.SingleAsync(m => m.ConversationId == chat.ConversationId && m.AttachmentId != null);
        Assert.Equal(("IMG_0001.jpg", "image/jpeg", (long?)photo.Length, "IMG_0001.jpg"), (stored.AttachmentName, stored.AttachmentType, stored.AttachmentSize, stored.Text));
    }

    [Fact]
    public async Task The_agents_pdf_reaches_the_customer_who_downloads_it_through_the_customer_link()
    {
        var server = Start();
        await using var alice = await server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        var chat = await server.StartConversationAsync();
        await alice.AcceptAsync(chat.ConversationId);
        using var agentHttp = server.CreateClient(await server.LoginAsync("alice"));

        using var sent = await UploadAsync(agentHttp, $"api/v1/agent/conversations/{chat.ConversationId}/attachments", SampleFiles.Pdf(), "Invoice 2026-12.pdf");
        using var customer = server.CreateClient(chat.CustomerToken);
        var messages = (await customer.GetFromJsonAsync<List<MessageView>>($"api/v1/conversations/{chat.ConversationId}/messages", TestJson.Options))!;
        var attachment = messages.Single(m => m.Attachment is not null).Attachment!;
        using var download = await customer.GetAsync(attachment.Url.TrimStart('/'));
        using var onAgentPath = await agentHttp.GetAsync(attachment.Url.Replace(AttachmentLinks.CustomerPath, AttachmentLinks.AgentPath, StringComparison.Ordinal).TrimStart('/'));

        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal(("Invoice 2026-12.pdf", "application/pdf", null), (attachment.Name, attachment.ContentType, attachment.PreviewUrl));
        Assert.StartsWith(AttachmentLinks.CustomerPath, attachment.Url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(SampleFiles.Pdf(), await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(["nosniff"], download.Headers.GetValues("X-Content-Type-Options"));
        // A customer's link does not open the agents' door.
        Assert.Equal(HttpStatusCode.NotFound, onAgentPath.StatusCode);
    }

    [Fact]
    public async Task An_agent_cannot_send_a_file_into_a_chat_that_is_not_theirs()
    {
        var server = Start();
        var chat = await server.StartConversationAsync();
        using var bob = server.CreateClient(await server.LoginAsync("bob"));

        using var response = await UploadAsync(bob, $"api/v1/agent/conversations/{chat.ConversationId}/attachments", SampleFiles.Pdf(), "x.pdf");

        await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "not assigned to you");
    }

    [Theory]
    [InlineData("executable", "photo.png")]
    [InlineData("svg", "logo.svg")]
    [InlineData("html", "page.txt")]
    [InlineData("zip", "docs.pdf")]
    public async Task A_file_whose_content_is_not_an_allowed_type_is_415_and_nothing_is_stored(string sample, string name)
    {
        var server = Start();
        var chat = await server.StartConversationAsync();
        using var customer = server.CreateClient(chat.CustomerToken);

        using var response = await UploadAsync(customer, $"api/v1/conversations/{chat.ConversationId}/attachments", FileSnifferTests.Sample(sample), name, "image/png");

        await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "cannot be sent");
        Assert.Empty(Directory.EnumerateFiles(FilesDirectory(server)));
        await using var db = await ContextAsync(server);
        Assert.False(await db.Messages.AnyAsync(m => m.AttachmentId != null));
    }

    [Fact]
    public async Task A_type_the_installation_does_not_allow_is_415()
    {
        var server = Start(new() { ["Parley:Files:AllowedTypes:0"] = "image/png" });
        var chat = await server.StartConversationAsync();
        using var customer = server.CreateClient(chat.CustomerToken);

        using var pdf = await UploadAsync(customer, $"api/v1/conversations/{chat.ConversationId}/attachments", SampleFiles.Pdf(), "a.pdf");
        using var png = await UploadAsync(customer, $"api/v1/conversations/{chat.ConversationId}/attachments", SampleFiles.Png(), "a.png");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, pdf.StatusCode);
        Assert.Equal(HttpStatusCode.Created, png.StatusCode);
    }

    [Fact]
    public async Task A_queues_own_limits_narrow_the_installations_and_are_validated()
    {
        var server = Start();
        using var admin = server.CreateClient(await server.LoginAsync("admin"));
        var queue = (await admin.GetFromJsonAsync<JsonObject>("api/v1/admin/queues/support"))!;
        queue["attachmentMaxBytes"] = 1024;
        queue["attachmentTypes"] = new JsonArray("text/plain", "image/png");
        (await admin.PutAsJsonAsync("api/v1/admin/queues/support", queue)).EnsureSuccessStatusCode();
        var invalid = queue.DeepClone().AsObject();
        invalid["attachmentTypes"] = new JsonArray("image/svg+xml");
        invalid["attachmentMaxBytes"] = 0;
        using var refused = await admin.PutAsJsonAsync("api/v1/admin/queues/support", invalid);
        var chat = await server.StartConversationAsync();
        using var customer = server.CreateClient(chat.CustomerToken);
        var path = $"api/v1/conversations/{chat.ConversationId}/attachments";

        using var pdf = await UploadAsync(customer, path, SampleFiles.Pdf(), "a.pdf");
        using var large = await UploadAsync(customer, path, Encoding.UTF8.GetBytes(new string('a', 2000)), "a.txt");
        using var small = await UploadAsync(customer, path, SampleFiles.Text(), "a.txt");
        var stored = (await admin.GetFromJsonAsync<JsonObject>("api/v1/admin/queues/support"))!;

        var problem = await CustomerApiTests.AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("attachmentTypes", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("attachmentMaxBytes", out _));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, pdf.StatusCode);
        await CustomerApiTests.AssertProblemAsync(large, HttpStatusCode.RequestEntityTooLarge, "At most 1 KB");
        Assert.Equal(HttpStatusCode.Created, small.StatusCode);
        Assert.Equal((1024, 2), ((int)stored["attachmentMaxBytes"]!, stored["attachmentTypes"]!.AsArray().Count));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_413_whether_its_length_is_declared_or_not()
    {
        var server = Start(new() { ["Parley:Files:MaxBytes"] = "2048" });
        var chat = await server.StartConversationAsync();
        using var customer = server.CreateClient(chat.CustomerToken);
        var large = Encoding.UTF8.GetBytes(new string('a', 4096));
        var path = $"api/v1/conversations/{chat.ConversationId}/attachments";

        using var declared = await UploadAsync(customer, path, large, "big.txt");
        using var chunked = await UploadAsync(customer, path, large, "big.txt", chunked: true);
        // Refused from its Content-Length alone: the server answers before asking for the body (100-continue).
        using var hugeDeclared = await UploadAsync(customer, path, new byte[1_000_000], "huge.txt", expectContinue: true);
        using var small = await UploadAsync(customer, path, Encoding.UTF8.GetBytes("fits"), "small.txt");

        await CustomerApiTests.AssertProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge, "too large");
        await CustomerApiTests.AssertProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge, "too large");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, hugeDeclared.StatusCode);
        Assert.Equal(HttpStatusCode.Created, small.StatusCode);
    }

    [Fact]
    public async Task Files_are_stored_private_under_generated_names_never_the_customers()
    {
        var server = Start();
        var chat = await server.StartConversationAsync();
        using var customer = server.CreateClient(chat.CustomerToken);

        using var response = await UploadAsync(customer, $"api/v1/conversations/{chat.ConversationId}/attachments", SampleFiles.Png(), "../../../tmp/evil.png");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (Guid)(await response.Content.ReadFromJsonAsync<JsonObject>())!["attachmentId"]!;
        var directory = FilesDirectory(server);
        Assert.Equal([id.ToString("N"), id.ToString("N") + ".preview"], Directory.EnumerateFiles(directory).Select(Path.GetFileName).Order());
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "evil.png")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }
    }

    [Fact]
    public async Task A_forged_or_expired_link_is_404()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var server = Start(time: time);
        var chat = await server.StartConversationAsync();
        using var customer = server.CreateClient(chat.CustomerToken);
        using var sent = await UploadAsync(customer, $"api/v1/conversations/{chat.ConversationId}/attachments", SampleFiles.Text(), "note.txt");
        var url = ((string?)(await sent.Content.ReadFromJsonAsync<JsonObject>())!["url"])!.TrimStart('/');

        using var fresh = await customer.GetAsync(url);
        using var forged = await customer.GetAsync(url[..^4] + (url[^4..] == "AAAA" ? "BBBB" : "AAAA"));
        using var made = await customer.GetAsync("api/v1/files/" + Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"Id\":\"x\"}")));
        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        using var expired = await customer.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", fresh.Content.Headers.ContentType?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, made.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
    }

    [Fact]
    public async Task A_customer_may_send_a_file_while_queued_but_not_after_the_end()
    {
        var server = Start();
        var chat = await server.StartConversationAsync();
        using var customer = server.CreateClient(chat.CustomerToken);
        var path = $"api/v1/conversations/{chat.ConversationId}/attachments";

        using var queued = await UploadAsync(customer, path, SampleFiles.Gif(), "dot.gif");
        (await customer.PostAsync($"api/v1/conversations/{chat.ConversationId}/end", null)).EnsureSuccessStatusCode();
        using var ended = await UploadAsync(customer, path, SampleFiles.Gif(), "dot.gif");
        using var stranger = server.CreateClient((await server.StartConversationAsync()).CustomerToken);
        using var notTheirs = await UploadAsync(stranger, path, SampleFiles.Gif(), "dot.gif");

        Assert.Equal(HttpStatusCode.Created, queued.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
    }

    [Fact]
    public async Task A_retried_upload_with_the_same_client_message_id_is_answered_as_the_first_and_stores_nothing_new()
    {
        var server = Start();
        var chat = await server.StartConversationAsync();
        using var customer = server.CreateClient(chat.CustomerToken);
        var path = $"api/v1/conversations/{chat.ConversationId}/attachments";
        var id = Guid.NewGuid().ToString("N");

        using var first = await UploadAsync(customer, path, SampleFiles.Png(), "photo.png", clientMessageId: id);
        using var again = await UploadAsync(customer, path, SampleFiles.Png(), "photo.png", clientMessageId: id);
        var (one, two) = ((await first.Content.ReadFromJsonAsync<JsonObject>())!, (await again.Content.ReadFromJsonAsync<JsonObject>())!);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(again.IsSuccessStatusCode, $"the resend answered {(int)again.StatusCode}");
        Assert.Equal((string?)one["attachmentId"], (string?)two["attachmentId"]);
        var stored = (Guid)one["attachmentId"]!;
        Assert.Equal([stored.ToString("N"), stored.ToString("N") + ".preview"], Directory.EnumerateFiles(FilesDirectory(server)).Select(Path.GetFileName).Order());
        await using var context = await ContextAsync(server);
        Assert.Equal(1, await context.Messages.CountAsync(m => m.ConversationId == chat.ConversationId && m.AttachmentId != null));
    }

    internal static async Task<HttpResponseMessage> UploadAsync(
        HttpClient client, string path, byte[] content, string fileName, string? declaredType = null, bool chunked = false, bool expectContinue = false,
        string? clientMessageId = null)
    {
        using var form = new MultipartFormDataContent();
        if (clientMessageId is not null)
        {
            form.Add(new StringContent(clientMessageId), "clientMessageId");
        }

        HttpContent file = chunked ? new StreamContent(new MemoryStream(content)) : new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType ?? "application/octet-stream");
        form.Add(file, "file", fileName);
        if (chunked)
        {
            // A body whose length is not declared: the server must count what arrives.
            using var stream = new MemoryStream();
            await form.CopyToAsync(stream);
            var body = new StreamContent(new NonSeekableStream(stream.ToArray()));
            body.Headers.ContentType = form.Headers.ContentType;
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
            request.Headers.TransferEncodingChunked = true;
            return await client.SendAsync(request);
        }

        using var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        post.Headers.ExpectContinue = expectContinue;
        return await client.SendAsync(post);
    }

    internal static string FilesDirectory(ParleyServer server) => Path.Combine(server.DataDirectory, "files");

    private ParleyServer Start(Dictionary<string, string?>? settings = null, FakeTimeProvider? time = null)
    {
        var all = new Dictionary<string, string?>(_database?.ServerSettings() ?? []);
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var server = new ParleyServer(settings: all, time: time);
        _owned.Add(server);
        return server;
    }

    private static async Task<ParleyDbContext> ContextAsync(ParleyServer server) =>
        await server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync();

    /// <summary>A stream that cannot tell its length, so HttpClient sends it chunked.</summary>
    private sealed class NonSeekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}

/// <summary>On SQLite, the server's own database file.</summary>
public sealed class AttachmentsOnSqliteTests : AttachmentSpecification
{
    protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(null);
}

/// <summary>On PostgreSQL (<c>PARLEY_TEST_POSTGRES</c>): a database per test.</summary>
public sealed class AttachmentsOnPostgresTests : AttachmentSpecification
{
    protected override async Task<TestDatabase?> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
