using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.CannedResponses;
using Parley.Server.Files;
using Parley.Server.Storage;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Files;

/// <summary>
/// No file stays on disk for nothing: a file whose append was refused is removed at once, and the periodic sweep removes
/// stored files no message or canned response refers to once they are older than the grace period — never one a message
/// or a canned response refers to, never a young one (it may be on its way into a conversation or a response).
/// </summary>
public sealed class OrphanedFilesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly List<IAsyncDisposable> _owned = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_file_of_an_upload_whose_chat_ended_between_the_check_and_the_append_is_removed()
    {
        var scanner = new EndingScanner();
        var server = Own(new ParleyServer(configure: web => web.ConfigureTestServices(services => services.AddSingleton<IFileScanner>(scanner))));
        var chat = await server.StartConversationAsync();
        using var customer = server.CreateClient(chat.CustomerToken);
        // The chat ends while the file is scanned: after the early check, before the append.
        scanner.During = async () => (await customer.PostAsync($"api/v1/conversations/{chat.ConversationId}/end", null)).EnsureSuccessStatusCode();

        using var response = await AttachmentSpecification.UploadAsync(customer, $"api/v1/conversations/{chat.ConversationId}/attachments", SampleFiles.Png(), "photo.png");

        await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.Conflict, "ended");
        Assert.Equal(1, scanner.Scanned);
        Assert.Empty(Directory.EnumerateFiles(AttachmentSpecification.FilesDirectory(server)));
    }

    [Fact]
    public async Task The_sweep_removes_old_files_no_message_refers_to_and_keeps_young_ones_and_referenced_ones()
    {
        var time = new FakeTimeProvider(Start);
        var server = Own(new ParleyServer(time: time, settings: new Dictionary<string, string?>
        {
            ["Parley:Files:SweepInterval"] = "01:00:00",
            ["Parley:Files:OrphanGracePeriod"] = "00:30:00",
        }));
        var store = server.Services.GetRequiredService<IFileStore>();
        var directory = AttachmentSpecification.FilesDirectory(server);
        var chat = await server.StartConversationAsync();
        using var customer = server.CreateClient(chat.CustomerToken);
        using var sent = await AttachmentSpecification.UploadAsync(customer, $"api/v1/conversations/{chat.ConversationId}/attachments", SampleFiles.Png(), "photo.png");
        var referenced = (Guid)(await sent.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["attachmentId"]!;
        // As an append that crashed after the file was stored would leave them: one old, one stored just before the sweep.
        var old = Guid.CreateVersion7(Start);
        await store.SaveAsync(old, FileVariant.Preview, SampleFiles.Png(), CancellationToken.None);
        await store.SaveAsync(old, FileVariant.Original, SampleFiles.Png(), CancellationToken.None);
        var young = Guid.CreateVersion7(Start + TimeSpan.FromMinutes(45));
        await store.SaveAsync(young, FileVariant.Original, SampleFiles.Text(), CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(directory, "not-ours.txt"), "left here by an operator");
        // An old file that only a canned response names is not an orphan; one uploaded for canned responses that no
        // response names is, and its record goes with it.
        var cannedFiles = server.Services.GetRequiredService<CannedResponseFiles>();
        var canned = (await cannedFiles.UploadAsync("alice", "form.txt", SampleFiles.Text(), CancellationToken.None)).AttachmentId;
        var unnamed = (await cannedFiles.UploadAsync("alice", "draft.txt", SampleFiles.Text(), CancellationToken.None)).AttachmentId;
        (await server.Services.GetRequiredService<CannedResponseService>().CreateAsync(
            "alice", new CannedResponseInput("form", "Form", "Here is the form.", AttachmentId: canned), CannedResponseRecord.Personal, CancellationToken.None)).ValueOrThrow();

        time.Advance(TimeSpan.FromHours(1));

        await Eventually.ThatAsync(
            () => Directory.EnumerateFiles(directory).Any(f => Path.GetFileName(f).StartsWith(old.ToString("N"), StringComparison.Ordinal) || Path.GetFileName(f) == unnamed.ToString("N")),
            any => !any, "the old orphans removed");
        Assert.Equal(
            new[] { canned.ToString("N"), referenced.ToString("N"), referenced.ToString("N") + ".preview", young.ToString("N"), "not-ours.txt" }.Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        await using var context = await server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync();
        Assert.Equal([referenced, canned], await new ConversationQueries(context).ReferencedAttachmentsAsync([referenced, old, young, canned, unnamed], CancellationToken.None));
        Assert.Equal([canned], await context.CannedResponseFiles.Select(f => f.Id).ToListAsync());
    }

    [Fact]
    public void A_files_age_is_read_from_its_id_and_an_id_not_made_by_the_engine_has_none()
    {
        var at = new DateTimeOffset(2026, 12, 7, 9, 30, 15, 123, TimeSpan.Zero);

        Assert.Equal(at, StoredFileAge.StoredAt(Guid.CreateVersion7(at)));
        Assert.Null(StoredFileAge.StoredAt(Guid.NewGuid()));
    }

    private ParleyServer Own(ParleyServer server)
    {
        _owned.Add(server);
        return server;
    }

    /// <summary>Accepts every file, doing what the test says while it "scans".</summary>
    private sealed class EndingScanner : IFileScanner
    {
        public Func<Task>? During { get; set; }

        public int Scanned { get; private set; }

        public async ValueTask<string?> ScanAsync(ReadOnlyMemory<byte> content, FileType type, CancellationToken cancellationToken)
        {
            Scanned++;
            if (During is { } during)
            {
                await during();
            }

            return null;
        }
    }
}
