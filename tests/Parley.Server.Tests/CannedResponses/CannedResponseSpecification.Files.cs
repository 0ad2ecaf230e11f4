using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Server.CannedResponses;
using Parley.Server.Storage;
using Parley.Server.Tests.Admin;
using Parley.Server.Tests.Customers;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.CannedResponses;

/// <summary>
/// A canned response's file: uploaded for canned responses through the agent attachments' intake, recorded as the
/// uploader's; a response names it by its attachmentId, and no other stored file.
/// </summary>
public abstract partial class CannedResponseSpecification
{
    private const string Files = Agent + "/files";

    [Fact]
    public async Task A_file_uploaded_for_canned_responses_is_attached_by_its_id_and_listed_with_its_name_and_size()
    {
        using var bob = await ClientAsync("bob");
        var pdf = SampleFiles.Pdf();

        using var uploaded = await AttachmentSpecification.UploadAsync(bob, Files, pdf, "../../Returns policy.exe", "application/x-msdownload");
        var file = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
        var id = file.GetProperty("attachmentId").GetGuid();
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal(["attachmentId", "name", "contentType", "size"], file.EnumerateObject().Select(p => p.Name));
        // The name without its path, the extension and type from the content, never from the name or the declared type.
        Assert.Equal(("Returns policy.pdf", "application/pdf", pdf.Length), (file.GetProperty("name").GetString(), file.GetProperty("contentType").GetString(), file.GetProperty("size").GetInt32()));

        await CreateAsync(bob, Agent, new { shortcut = "policy", title = "Policy", text = "Our policy.", attachmentId = id });

        var listed = Assert.Single(await ListAsync(bob, Agent)).GetProperty("attachment");
        Assert.Equal((id, "Returns policy.pdf", pdf.Length), (listed.GetProperty("attachmentId").GetGuid(), listed.GetProperty("name").GetString(), listed.GetProperty("size").GetInt32()));
        var usable = Assert.Single(await Server.Services.GetRequiredService<CannedResponseService>().ListUsableAsync("bob", CancellationToken.None));
        Assert.Equal(new CannedResponseFile(id, "Returns policy.pdf", "application/pdf", pdf.Length), usable.Attachment);
    }

    [Fact]
    public async Task An_attachment_id_that_is_not_a_canned_response_file_this_account_may_use_is_refused_naming_the_field()
    {
        using var admin = await AdminAnnouncementApiTests.AdminClientAsync(Server);
        using var bob = await ClientAsync("bob");
        using var alice = await ClientAsync("alice");
        // A customer's upload in their chat: stored by the same engine, but no canned-response file.
        var chat = await Server.StartConversationAsync();
        using var customer = Server.CreateClient(chat.CustomerToken);
        using var customerUpload = await AttachmentSpecification.UploadAsync(customer, $"api/v1/conversations/{chat.ConversationId}/attachments", SampleFiles.Png(), "passport.png");
        var customersFile = (await customerUpload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attachmentId").GetGuid();
        var bobsFile = await UploadFileAsync(bob, SampleFiles.Text(), "bob.txt");
        var adminsFile = await UploadFileAsync(admin, SampleFiles.Png(), "logo.png");
        var bobsResponse = await CreateAsync(bob, Agent, new { shortcut = "bob", title = "Bob's", text = "Mine.", attachmentId = bobsFile });

        foreach (var (client, attachmentId) in new[] { (bob, customersFile), (bob, Guid.NewGuid()), (alice, bobsFile) })
        {
            var refused = await CustomerApiTests.AssertProblemAsync(
                await client.PostAsJsonAsync(Agent, new { shortcut = "x", title = "X", text = "X", attachmentId }), HttpStatusCode.BadRequest);
            Assert.Equal(["attachmentId"], refused.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }

        await CustomerApiTests.AssertProblemAsync(
            await bob.PutAsJsonAsync($"{Agent}/{bobsResponse}", new { shortcut = "bob", title = "Bob's", text = "Mine.", attachmentId = customersFile }), HttpStatusCode.BadRequest);
        Assert.Equal(bobsFile, Assert.Single(await ListAsync(bob, Agent)).GetProperty("attachmentId").GetGuid());

        // A file a response carries goes with it: a supervisor keeps an admin's file when changing a queue's response,
        // and an agent may attach the file of a response they may use.
        var queues = await CreateAsync(admin, Admin, new { shortcut = "logo", title = "Logo", text = "Our logo.", scope = "queue", queue = "support", attachmentId = adminsFile });
        Assert.Equal(HttpStatusCode.OK, (await alice.PutAsJsonAsync($"{Admin}/{queues}", new { shortcut = "logo", title = "Our logo", text = "Here it is.", attachmentId = adminsFile })).StatusCode);
        await CreateAsync(bob, Agent, new { shortcut = "logo", title = "Logo", text = "Logo.", attachmentId = adminsFile });
    }

    [Theory]
    [InlineData("executable", "photo.png")]
    [InlineData("svg", "logo.svg")]
    public async Task A_file_whose_content_is_not_an_allowed_type_is_415_and_nothing_is_recorded(string sample, string name)
    {
        using var bob = await ClientAsync("bob");

        using var response = await AttachmentSpecification.UploadAsync(bob, Files, FileSnifferTests.Sample(sample), name, "image/png");

        await CustomerApiTests.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "cannot be sent");
        Assert.Empty(Directory.EnumerateFiles(AttachmentSpecification.FilesDirectory(Server)));
        await using var context = await Server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync();
        Assert.False(await context.CannedResponseFiles.AnyAsync());
    }

    [Fact]
    public async Task An_upload_needs_a_bearer_token_and_a_file_within_the_limit()
    {
        using var anonymous = Server.CreateClient();
        using var bob = await ClientAsync("bob");

        Assert.Equal(HttpStatusCode.Unauthorized, (await AttachmentSpecification.UploadAsync(anonymous, Files, SampleFiles.Text(), "a.txt")).StatusCode);
        await CustomerApiTests.AssertProblemAsync(
            await AttachmentSpecification.UploadAsync(bob, Files, new byte[(10 * 1024 * 1024) + 1], "big.txt"), HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(Directory.EnumerateFiles(AttachmentSpecification.FilesDirectory(Server)));
    }

    private static async Task<Guid> UploadFileAsync(HttpClient client, byte[] content, string name)
    {
        using var response = await AttachmentSpecification.UploadAsync(client, Files, content, name);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {Files}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attachmentId").GetGuid();
    }
}
