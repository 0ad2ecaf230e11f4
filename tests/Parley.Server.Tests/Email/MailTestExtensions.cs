using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Email;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Email;

/// <summary>
/// What the e-mail tests do with a running server: write a mail to the outbox as a producer does (the caller's own
/// context, its own save, then the wake-up) and read the outbox's statuses through the admin API.
/// </summary>
internal static class MailTestExtensions
{
    public static async Task<long> EnqueueMailAsync(this ParleyServer server, OutgoingMail mail)
    {
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContextAsync();
        var record = MailOutbox.Enqueue(db, mail, server.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        await db.SaveChangesAsync();
        server.Services.GetRequiredService<MailOutboxSignal>().Wake();
        return record.Id;
    }

    public static async Task<MailPage> MailListAsync(this ParleyServer server, string adminToken, string query = "")
    {
        using var client = server.CreateClient(adminToken);
        var response = await client.GetAsync($"api/v1/admin/mail{query}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MailPage>(TestJson.Options))!;
    }

    public static async Task<MailView> MailAsync(this ParleyServer server, string adminToken, long id) =>
        (await server.MailListAsync(adminToken, "?pageSize=200")).Items.Single(m => m.Id == id);

    /// <summary>Polls the admin API until the mail's status matches.</summary>
    public static Task<MailView> MailWhenAsync(this ParleyServer server, string adminToken, long id, Func<MailView, bool> match, string what) =>
        Eventually.ThatAsync(() => server.MailAsync(adminToken, id), match, what);

    public static Task<IReadOnlyList<Received>> ReceivedAsync(this SmtpSink sink, int count) =>
        Eventually.ThatAsync(() => sink.Received, r => r.Count >= count, $"{count} mail at the SMTP sink");
}
