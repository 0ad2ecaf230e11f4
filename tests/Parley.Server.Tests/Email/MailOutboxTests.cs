using System.Net;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Email;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Email;

/// <summary>
/// The outbox against the real server and a real SMTP server on loopback: what a producer commits is sent, with both
/// parts and every text encoded; an outage of the mail server delays mail and loses none; a permanent refusal is
/// failed and an admin can retry it.
/// </summary>
public sealed class MailOutboxTests
{
    [Fact]
    public async Task A_committed_mail_reaches_the_mail_server_with_a_text_and_an_encoded_HTML_part()
    {
        await using var sink = new SmtpSink();
        await using var server = new ParleyServer(settings: sink.Settings());
        var conversationId = Guid.NewGuid();

        var id = await server.EnqueueMailAsync(OutgoingMail.FromText(
            "ann@example.com", "Ann <Smith>", "About your order", "Hello <script>alert('x')</script> & welcome.\nSecond line.\n\nA new paragraph.",
            footer: "Parley Support", conversationId: conversationId));

        var received = Assert.Single(await sink.ReceivedAsync(1));
        var message = received.Message;
        Assert.Equal(["ann@example.com"], received.Recipients);
        Assert.Equal("About your order", message.Subject);
        Assert.Equal("support@parley.test", message.From.Mailboxes.Single().Address);
        Assert.Equal(SmtpSink.ReplyTo, message.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal(("Ann <Smith>", "ann@example.com"), (message.To.Mailboxes.Single().Name, message.To.Mailboxes.Single().Address));
        Assert.Contains("Hello <script>alert('x')</script> & welcome.\nSecond line.\n\nA new paragraph.", message.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("-- \nParley Support", message.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var html = message.HtmlBody;
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Hello &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; welcome.<br>\nSecond line.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p>A new paragraph.</p>", html, StringComparison.Ordinal);
        Assert.Contains($"parley.{id}.", message.MessageId, StringComparison.Ordinal);

        var admin = await server.LoginAsync("admin");
        var sent = await server.MailWhenAsync(admin, id, m => m.Status == MailStatus.Sent, "the mail marked sent");
        Assert.Equal((1, conversationId, (string?)null), (sent.Attempts, sent.ConversationId, sent.LastError));
        Assert.NotNull(sent.SentAt);
    }

    [Fact]
    public async Task A_mail_that_names_its_own_Reply_To_keeps_it()
    {
        await using var sink = new SmtpSink();
        await using var server = new ParleyServer(settings: sink.Settings());

        await server.EnqueueMailAsync(OutgoingMail.FromText("ann@example.com", null, "Hi", "Text", replyTo: "desk@parley.test"));

        var message = Assert.Single(await sink.ReceivedAsync(1)).Message;
        Assert.Equal("desk@parley.test", message.ReplyTo.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Line_breaks_in_a_subject_or_a_name_add_no_header_and_no_recipient()
    {
        await using var sink = new SmtpSink();
        await using var server = new ParleyServer(settings: sink.Settings());

        await server.EnqueueMailAsync(OutgoingMail.FromText(
            "ann@example.com", "Ann\r\nBcc: eve@example.com", "Your message\r\nBcc: eve@example.com\nX-Evil: 1", "Text"));

        var received = Assert.Single(await sink.ReceivedAsync(1));
        Assert.Equal(["ann@example.com"], received.Recipients);
        var message = received.Message;
        Assert.Equal("Your message Bcc: eve@example.com X-Evil: 1", message.Subject);
        Assert.Equal("Ann Bcc: eve@example.com", message.To.Mailboxes.Single().Name);
        Assert.Empty(message.Bcc);
        Assert.Empty(message.Cc);
        Assert.False(message.Headers.Contains("X-Evil"));
    }

    [Theory]
    [InlineData("ann@example.com\r\nRCPT TO:<eve@example.com>")]
    [InlineData("Ann <ann@example.com>")]
    [InlineData("ann@example.com, eve@example.com")]
    [InlineData("not an address")]
    public async Task A_recipient_that_is_not_one_bare_address_is_refused_before_anything_is_stored(string to)
    {
        await using var server = new ParleyServer();

        await Assert.ThrowsAsync<ArgumentException>(() => server.EnqueueMailAsync(OutgoingMail.FromText(to, null, "Hi", "Text")));

        Assert.Equal(0, (await server.MailListAsync(await server.LoginAsync("admin"))).Total);
    }

    [Fact]
    public async Task A_mail_server_outage_delays_mail_and_loses_none_and_the_mail_goes_out_in_order_once_it_is_back()
    {
        await using var sink = new SmtpSink(start: false);
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds())); // whole seconds: stored times keep microseconds
        await using var server = new ParleyServer(settings: sink.Settings(), time: time);
        var admin = await server.LoginAsync("admin");
        var enqueuedAt = time.GetUtcNow();

        var first = await server.EnqueueMailAsync(OutgoingMail.FromText("ann@example.com", "Ann", "First", "One"));
        var second = await server.EnqueueMailAsync(OutgoingMail.FromText("bob@example.com", "Bob", "Second", "Two"));

        var retrying = await server.MailWhenAsync(admin, second, m => m.Status == MailStatus.Retrying, "the second mail retrying");
        Assert.Equal(1, retrying.Attempts);
        Assert.NotNull(retrying.LastError);
        Assert.Equal(enqueuedAt + TimeSpan.FromMinutes(1), retrying.NextAttemptAt);
        Assert.Equal(MailStatus.Retrying, (await server.MailAsync(admin, first)).Status);

        // Still down at the next attempt (a minute on, or a step later): the back-off doubles to two minutes.
        var again = await Eventually.ThatAsync(
            async () =>
            {
                var mail = await server.MailAsync(admin, second);
                if (mail.Attempts < 2)
                {
                    time.Advance(TimeSpan.FromMinutes(1));
                }

                return mail;
            },
            m => m.Attempts == 2,
            "a second failed attempt");
        Assert.Equal(MailStatus.Retrying, again.Status);
        Assert.True(again.NextAttemptAt >= enqueuedAt + TimeSpan.FromMinutes(3), $"The next attempt {again.NextAttemptAt:O} is not two minutes after the second.");

        sink.Start();
        var received = await time.RunUntilAsync(TimeSpan.FromMinutes(1), () => sink.Received, r => r.Count >= 2, "both mails after the outage");

        Assert.Equal(["First", "Second"], received.Select(r => r.Message.Subject));
        var sent = await server.MailWhenAsync(admin, second, m => m.Status == MailStatus.Sent, "the second mail sent");
        Assert.Equal(3, sent.Attempts);
        Assert.Equal(MailStatus.Sent, (await server.MailAsync(admin, first)).Status);
        Assert.Equal(2, sink.Received.Count); // each once
    }

    [Fact]
    public async Task Mail_waiting_in_the_outbox_is_sent_after_a_restart()
    {
        await using var sink = new SmtpSink(start: false);
        var directory = Directory.CreateTempSubdirectory("parley-test-").FullName;
        try
        {
            long id;
            await using (var before = new ParleyServer(directory, sink.Settings()))
            {
                id = await before.EnqueueMailAsync(OutgoingMail.FromText("ann@example.com", "Ann", "Kept", "Text"));
                await before.MailWhenAsync(await before.LoginAsync("admin"), id, m => m.Status == MailStatus.Retrying, "the mail retrying");
            }

            sink.Start();
            await using var after = new ParleyServer(directory, sink.Settings());
            var admin = await after.LoginAsync("admin");
            // Due in a minute; an admin's "retry now" sends it at once.
            using var client = after.CreateClient(admin);
            (await client.PostAsync($"api/v1/admin/mail/{id}/retry", null)).EnsureSuccessStatusCode();

            Assert.Equal("Kept", Assert.Single(await sink.ReceivedAsync(1)).Message.Subject);
            await after.MailWhenAsync(admin, id, m => m.Status == MailStatus.Sent, "the mail sent after the restart");
        }
        finally
        {
            ParleyServer.TryDelete(directory);
        }
    }

    [Fact]
    public async Task A_permanent_refusal_is_failed_with_the_servers_answer_and_an_admin_can_retry_it()
    {
        await using var sink = new SmtpSink();
        sink.Refuse("gone@example.com");
        await using var server = new ParleyServer(settings: sink.Settings());
        var admin = await server.LoginAsync("admin");

        var refused = await server.EnqueueMailAsync(OutgoingMail.FromText("gone@example.com", null, "Refused", "Text"));
        var fine = await server.EnqueueMailAsync(OutgoingMail.FromText("ann@example.com", null, "Fine", "Text"));

        var failed = await server.MailWhenAsync(admin, refused, m => m.Status == MailStatus.Failed, "the refused mail failed");
        Assert.StartsWith("5", failed.LastError, StringComparison.Ordinal);
        Assert.Null(failed.NextAttemptAt);
        Assert.Equal("Fine", Assert.Single(await sink.ReceivedAsync(1)).Message.Subject); // a refusal holds up no other mail

        sink.Refuse("gone@example.com", refuse: false);
        using var client = server.CreateClient(admin);
        var retry = await client.PostAsync($"api/v1/admin/mail/{refused}/retry", null);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);

        await server.MailWhenAsync(admin, refused, m => m.Status == MailStatus.Sent && m.Attempts == 2, "the retried mail sent");
        Assert.Equal(["Fine", "Refused"], sink.Received.Select(r => r.Message.Subject));
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"api/v1/admin/mail/{fine}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("api/v1/admin/mail/999999/retry", null)).StatusCode);
    }
}
