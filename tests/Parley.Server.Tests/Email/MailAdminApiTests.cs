using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Server.Email;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Email;

/// <summary><c>GET /api/v1/admin/mail</c> and its retry: admins only, newest first, paged, filtered by status, no secret.</summary>
public sealed class MailAdminApiTests
{
    private const string SmtpPassword = "smtp-secret-Hq7vX2pL";

    [Fact]
    public async Task Only_admins_see_the_outbox_or_retry_a_mail()
    {
        await using var server = new ParleyServer();
        var id = await server.EnqueueMailAsync(OutgoingMail.FromText("ann@example.com", "Ann", "Hi", "Text"));

        foreach (var (token, expected) in new[]
        {
            ((string?)null, HttpStatusCode.Unauthorized),
            (await server.LoginAsync("bob"), HttpStatusCode.Forbidden), // an agent
            (await server.LoginAsync("alice"), HttpStatusCode.Forbidden), // a supervisor: customers' addresses are for admins
        })
        {
            using var client = server.CreateClient(token);
            Assert.Equal(expected, (await client.GetAsync("api/v1/admin/mail")).StatusCode);
            Assert.Equal(expected, (await client.PostAsync($"api/v1/admin/mail/{id}/retry", null)).StatusCode);
        }

        using var admin = server.CreateClient(await server.LoginAsync("admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/v1/admin/mail")).StatusCode);
    }

    [Fact]
    public async Task Without_a_mail_server_mail_stays_pending_visible_and_the_warning_is_logged_once()
    {
        var logs = new CapturedLogs();
        await using var server = new ParleyServer(configure: logs.AddTo);
        var admin = await server.LoginAsync("admin");

        var first = await server.EnqueueMailAsync(OutgoingMail.FromText("ann@example.com", "Ann", "First", "Text"));
        await Eventually.ThatAsync(() => logs.Entries.Where(e => e.EventId.Id == 8501).ToList(), e => e.Count == 1, "the warning that e-mail is not configured");
        var second = await server.EnqueueMailAsync(OutgoingMail.FromText("bob@example.com", "Bob", "Second", "Text"));
        using (var client = server.CreateClient(admin))
        {
            (await client.PostAsync($"api/v1/admin/mail/{first}/retry", null)).EnsureSuccessStatusCode(); // a scan after the warning
        }

        var page = await server.MailListAsync(admin);
        Assert.False(page.Configured);
        Assert.Equal([(second, MailStatus.Pending, 0), (first, MailStatus.Pending, 0)], page.Items.Select(m => (m.Id, m.Status, m.Attempts)));
        Assert.Single(logs.Entries, e => e.EventId.Id == 8501);
    }

    [Fact]
    public async Task The_list_is_newest_first_paged_and_filtered_by_status_or_conversation_and_never_shows_the_password()
    {
        await using var sink = new SmtpSink(account: ("parley", SmtpPassword));
        sink.Refuse("gone@example.com");
        await using var server = new ParleyServer(settings: sink.Settings());
        var admin = await server.LoginAsync("admin");
        var ids = new List<long>();
        foreach (var to in new[] { "a@example.com", "gone@example.com", "c@example.com" })
        {
            ids.Add(await server.EnqueueMailAsync(OutgoingMail.FromText(to, null, $"To {to}", "Text")));
        }

        await sink.ReceivedAsync(2);
        await server.MailWhenAsync(admin, ids[1], m => m.Status == MailStatus.Failed, "the refused mail failed");
        await server.MailWhenAsync(admin, ids[2], m => m.Status == MailStatus.Sent, "the last mail sent");

        var all = await server.MailListAsync(admin);
        Assert.True(all.Configured);
        Assert.Equal(3, all.Total);
        Assert.Equal([ids[2], ids[1], ids[0]], all.Items.Select(m => m.Id));
        var secondPage = await server.MailListAsync(admin, "?page=2&pageSize=2");
        Assert.Equal((3, 2, 2), (secondPage.Total, secondPage.Page, secondPage.PageSize));
        Assert.Equal([ids[0]], secondPage.Items.Select(m => m.Id));
        var failed = await server.MailListAsync(admin, "?status=failed");
        Assert.Equal((1, ids[1]), (failed.Total, failed.Items.Single().Id));
        Assert.Equal(2, (await server.MailListAsync(admin, "?status=Sent")).Total);
        var about = Guid.NewGuid();
        var other = await server.EnqueueMailAsync(OutgoingMail.FromText("d@example.com", null, "About a chat", "Text", conversationId: about));
        var aboutIt = await server.MailListAsync(admin, $"?conversationId={about}");
        Assert.Equal((1, other), (aboutIt.Total, aboutIt.Items.Single().Id));

        using var client = server.CreateClient(admin);
        var json = await client.GetStringAsync("api/v1/admin/mail");
        Assert.DoesNotContain(SmtpPassword, json, StringComparison.Ordinal);
        Assert.DoesNotContain("textBody", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"status\":\"failed\"", json, StringComparison.Ordinal);
        foreach (var bad in new[] { "?status=lost", "?status=1", "?page=0", "?pageSize=500" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"api/v1/admin/mail{bad}")).StatusCode);
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_the_mail_endpoints()
    {
        await using var server = new ParleyServer();
        using var client = server.CreateClient();
        var paths = (await client.GetFromJsonAsync<JsonElement>("openapi/v1.json")).GetProperty("paths");

        Assert.True(paths.GetProperty("/api/v1/admin/mail").TryGetProperty("get", out var list));
        Assert.Contains(list.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "status");
        Assert.True(paths.GetProperty("/api/v1/admin/mail/{id}/retry").TryGetProperty("post", out var retry));
        Assert.True(retry.GetProperty("responses").TryGetProperty("409", out _));
    }
}
