using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Files;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Files;

/// <summary>
/// A desk open for hours shows no dead link: it renders each file by a lasting address that checks the agent may read
/// the conversation now and redirects to a link minted then, while the links themselves still expire.
/// </summary>
public sealed class DeskAttachmentLinksTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private ParleyServer _server = null!;
    private AgentSession? _alice;

    public Task InitializeAsync()
    {
        _server = new ParleyServer(time: _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_alice is not null)
        {
            await _alice.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_desks_address_of_a_file_answers_a_fresh_link_hours_after_the_message_arrived()
    {
        var (chat, attachment) = await PhotoInAlicesChatAsync();
        using var alice = await AgentClientAsync("alice");
        var original = AttachmentLinks.DeskPath(chat, attachment, FileVariant.Original).TrimStart('/');
        var preview = AttachmentLinks.DeskPath(chat, attachment, FileVariant.Preview).TrimStart('/');

        using var first = await alice.GetAsync(original);
        var firstLink = first.Headers.Location!.OriginalString;
        _time.Advance(TimeSpan.FromHours(3));
        using var expired = await alice.GetAsync(firstLink.TrimStart('/'));
        using var later = await alice.GetAsync(original);
        using var laterPreview = await alice.GetAsync(preview);
        using var file = await alice.GetAsync(later.Headers.Location!.OriginalString.TrimStart('/'));
        using var previewFile = await alice.GetAsync(laterPreview.Headers.Location!.OriginalString.TrimStart('/'));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith(AttachmentLinks.AgentPath, firstLink, StringComparison.Ordinal);
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        // The links still run out: only the lasting address lasts.
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.NotEqual(firstLink, later.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(SampleFiles.Png(), await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, previewFile.StatusCode);
        Assert.Equal("inline", previewFile.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Only_the_agent_of_the_chat_or_a_supervisor_gets_a_link_and_only_for_a_file_of_that_conversation()
    {
        var (chat, attachment) = await PhotoInAlicesChatAsync();
        var other = await _server.StartConversationAsync();
        using var bob = await AgentClientAsync("bob");
        using var supervisor = await AgentClientAsync("admin");
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server.BaseAddress };
        var path = AttachmentLinks.DeskPath(chat, attachment, FileVariant.Original).TrimStart('/');

        using var bobs = await bob.GetAsync(path);
        using var supervisors = await supervisor.GetAsync(path);
        using var elsewhere = await supervisor.GetAsync(AttachmentLinks.DeskPath(other.ConversationId, attachment, FileVariant.Original).TrimStart('/'));
        using var nobodys = await anonymous.GetAsync(path);

        await CustomerApiTests.AssertProblemAsync(bobs, HttpStatusCode.NotFound, "not assigned to you");
        Assert.Equal(HttpStatusCode.Redirect, supervisors.StatusCode);
        await CustomerApiTests.AssertProblemAsync(elsewhere, HttpStatusCode.NotFound, "no such file");
        Assert.NotEqual(HttpStatusCode.Redirect, nobodys.StatusCode);
    }

    private async Task<(Guid Chat, Guid Attachment)> PhotoInAlicesChatAsync()
    {
        // Alice stays signed in on the hub throughout: her chat stays hers while the clock moves on.
        var alice = _alice = await _server.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        var chat = await _server.StartConversationAsync();
        await alice.AcceptAsync(chat.ConversationId);
        using var customer = _server.CreateClient(chat.CustomerToken);
        using var sent = await AttachmentSpecification.UploadAsync(customer, $"api/v1/conversations/{chat.ConversationId}/attachments", SampleFiles.Png(), "photo.png");
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        return (chat.ConversationId, (Guid)(await sent.Content.ReadFromJsonAsync<JsonObject>())!["attachmentId"]!);
    }

    /// <summary>An agent's API client that shows redirects instead of following them.</summary>
    private async Task<HttpClient> AgentClientAsync(string username)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _server.LoginAsync(username));
        return client;
    }
}
