using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parley.Server.Files;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Split;

/// <summary>
/// Attachments through an edge over RabbitMQ: the customer's upload and downloads pass through the transport as bytes,
/// the core stores them, and the edge writes nothing at rest.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class AttachmentsOnEdgeTests
{
    [Fact]
    public async Task A_customer_on_an_edge_sends_a_photo_and_downloads_the_agents_pdf_and_the_edge_keeps_no_file()
    {
        await using var split = await SplitDeployment.StartAsync(["edge-1"]);
        var core = split.Core!;
        var edge = split.Edge("edge-1");
        await using var alice = await core.ConnectAgentAsync("alice");
        await alice.GoAvailableAsync();
        var chat = await edge.StartConversationAsync();
        await alice.AcceptAsync(chat.ConversationId);
        using var customer = edge.CreateClient(chat.CustomerToken);
        var photo = SampleFiles.JpegWithExif();

        using var uploaded = await AttachmentSpecification.UploadAsync(customer, $"api/v1/conversations/{chat.ConversationId}/attachments", photo, "IMG_0001.jpg");
        var pushed = await alice.Messages.WaitForAsync(m => m.Message.Attachment is not null, "the customer's photo");
        using var agentHttp = core.CreateClient(await core.LoginAsync("alice"));
        using var preview = await agentHttp.GetAsync(pushed.Message.Attachment!.PreviewUrl!.TrimStart('/'));
        using var sent = await AttachmentSpecification.UploadAsync(agentHttp, $"api/v1/agent/conversations/{chat.ConversationId}/attachments", SampleFiles.Pdf(), "Invoice.pdf");
        var messages = (await customer.GetFromJsonAsync<List<MessageView>>($"api/v1/conversations/{chat.ConversationId}/messages", TestJson.Options))!;
        var pdf = messages.Single(m => m.Sender == MessageSender.Agent && m.Attachment is not null).Attachment!;
        using var download = await customer.GetAsync(pdf.Url.TrimStart('/'));
        using var ownPhoto = await customer.GetAsync(((string?)(await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["url"])!.TrimStart('/'));
        using var forged = await customer.GetAsync(pdf.Url.TrimStart('/') + "x");

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal("image/jpeg", preview.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.StartsWith(AttachmentLinks.CustomerPath, pdf.Url, StringComparison.Ordinal);
        Assert.Equal(SampleFiles.Pdf(), await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(["nosniff"], download.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(photo, await ownPhoto.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(2, Directory.EnumerateFiles(AttachmentSpecification.FilesDirectory(core)).Count(f => !f.EndsWith(".preview", StringComparison.Ordinal)));
        // Nothing of either file was written on the edge.
        Assert.False(Directory.Exists(AttachmentSpecification.FilesDirectory(edge)));
        foreach (var file in Directory.EnumerateFiles(edge.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.False(bytes.AsSpan().IndexOf(photo.AsSpan(0, 64)) >= 0 || bytes.AsSpan().IndexOf("%PDF-"u8) >= 0, file);
        }
    }
}
