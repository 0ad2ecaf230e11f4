using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Server.Email;
using Parley.Server.Storage;
using Parley.Server.Tests.Email;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Storage;

/// <summary>The mail outbox on every provider: its rows, its order, the admins' list and the worker's reads.</summary>
public abstract partial class StorageSpecification
{
    // ---- Mail outbox -------------------------------------------------------------------------------------------

    [Fact]
    public async Task An_outbox_mail_is_stored_with_the_change_that_caused_it_or_not_at_all()
    {
        var conversationId = Guid.NewGuid();
        await using (var context = await ContextAsync())
        {
            context.Add(Conversation(conversationId));
            var mail = MailOutbox.Enqueue(context, OutgoingMail.FromText("ann@example.com", "Ann", "Subject", "Text", replyTo: "desk@example.com", conversationId: conversationId), T0);
            Assert.Equal(0, mail.Id); // nothing is saved by Enqueue itself
            await context.SaveChangesAsync();
            Assert.True(mail.Id > 0);
        }

        await using (var failing = Database.CreateContext())
        {
            // The same conversation again violates its key: the mail written with it is not stored either.
            failing.Add(Conversation(conversationId));
            MailOutbox.Enqueue(failing, OutgoingMail.FromText("bob@example.com", "Bob", "Lost with its cause", "Text"), T0);
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => failing.SaveChangesAsync());
        }

        await using var read = Database.CreateContext();
        var stored = await read.Mail.AsNoTracking().SingleAsync();
        Assert.Equal(
            ("ann@example.com", "Ann", "Subject", "desk@example.com", (Guid?)conversationId, MailStatus.Pending, 0, (DateTimeOffset?)T0, T0),
            (stored.To, stored.ToName, stored.Subject, stored.ReplyTo, stored.ConversationId, stored.Status, stored.Attempts, stored.NextAttemptAt, stored.CreatedAt));
        Assert.Contains("<p>Text</p>", stored.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("Text\n", stored.TextBody);
    }

    [Fact]
    public async Task The_admins_list_of_mail_is_newest_first_paged_and_filtered_by_status()
    {
        await using (var context = await ContextAsync())
        {
            foreach (var i in Enumerable.Range(1, 5))
            {
                var mail = MailOutbox.Enqueue(context, OutgoingMail.FromText($"c{i}@example.com", null, $"Mail {i}", "Text"), T0.AddSeconds(i));
                mail.Status = i % 2 == 0 ? MailStatus.Sent : MailStatus.Pending;
            }

            await context.SaveChangesAsync();
        }

        var admin = new MailOutboxAdmin(new Factory(Database), new MailOutboxSignal(), Options.Create(new EmailOptions()), TimeProvider.System);
        var all = await admin.ListAsync(null, 1, 3, CancellationToken.None);
        var rest = await admin.ListAsync(null, 2, 3, CancellationToken.None);
        var sent = await admin.ListAsync(MailStatus.Sent, 1, 50, CancellationToken.None);

        Assert.Equal(5, all.Total);
        Assert.Equal(["Mail 5", "Mail 4", "Mail 3"], all.Items.Select(m => m.Subject));
        Assert.Equal(["Mail 2", "Mail 1"], rest.Items.Select(m => m.Subject));
        Assert.Equal(2, sent.Total);
        Assert.Equal(["Mail 4", "Mail 2"], sent.Items.Select(m => m.Subject));
    }

    [Fact]
    public async Task The_outbox_worker_sends_and_records_each_status_on_this_database()
    {
        await using var sink = new SmtpSink();
        sink.Refuse("gone@example.com");
        var settings = Database.ServerSettings();
        foreach (var (key, value) in sink.Settings())
        {
            settings[key] = value;
        }

        await using var server = new ParleyServer(settings: settings);
        var admin = await server.LoginAsync("admin");
        var sent = await server.EnqueueMailAsync(OutgoingMail.FromText("ann@example.com", "Ann", "Sent", "Text"));
        var failed = await server.EnqueueMailAsync(OutgoingMail.FromText("gone@example.com", null, "Failed", "Text"));

        await server.MailWhenAsync(admin, sent, m => m.Status == MailStatus.Sent && m.SentAt is not null, "the mail sent");
        await server.MailWhenAsync(admin, failed, m => m.Status == MailStatus.Failed && m.LastError is not null, "the refused mail failed");
        Assert.Equal("Sent", Assert.Single(sink.Received).Message.Subject);
    }
}
