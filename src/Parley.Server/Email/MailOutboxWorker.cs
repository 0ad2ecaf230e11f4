using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Server.Storage;

namespace Parley.Server.Email;

/// <summary>
/// Sends the outbox (core only): due mail in order of creation, one connection per batch, each outcome stored as soon
/// as the mail server answered. A failure that may pass is retried after a back-off that doubles up to a cap
/// (<see cref="MailOutboxOptions"/>) on the server's clock; a permanent refusal is <c>failed</c>. Delivery is at least
/// once: a crash between the server's "accepted" and the status update sends that one mail again after a restart (with
/// the same Message-Id). Waits for the next due time or a <see cref="MailOutboxSignal.Wake"/>.
/// </summary>
internal sealed partial class MailOutboxWorker(
    IDbContextFactory<ParleyDbContext> databases,
    SmtpMailSender sender,
    MailOutboxSignal signal,
    MailMetrics metrics,
    IOptions<EmailOptions> email,
    IOptions<MailOutboxOptions> outbox,
    TimeProvider time,
    ILogger<MailOutboxWorker> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private const int MaxErrorLength = 500;
    private bool _toldNotConfigured;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                DateTimeOffset? next;
                try
                {
                    next = await SendDueAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database did not answer: nothing was lost, look again after the first back-off.
                    LogScanFailed(e);
                    next = time.GetUtcNow() + outbox.Value.FirstRetryDelay;
                }

                await WaitAsync(next, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping; a mail in flight stays pending and is sent after the restart.
        }
    }

    /// <summary>Sends one batch of due mail; returns when to look again (null: only when woken).</summary>
    private async Task<DateTimeOffset?> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // Only the ids and due times of unsent mail (SQLite cannot compare DateTimeOffset in SQL); the bodies of a batch follow.
        var unsent = await db.Mail.AsNoTracking()
            .Where(m => m.Status == MailStatus.Pending || m.Status == MailStatus.Retrying)
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.NextAttemptAt })
            .ToListAsync(cancellationToken);
        metrics.Unsent(unsent.Count);
        if (unsent.Count == 0)
        {
            return null;
        }

        if (!email.Value.IsConfigured)
        {
            if (!_toldNotConfigured)
            {
                _toldNotConfigured = true;
                LogNotConfigured(unsent.Count);
            }

            return null;
        }

        var now = time.GetUtcNow();
        var due = unsent.Where(m => m.NextAttemptAt is not { } at || at <= now).Take(BatchSize).Select(m => m.Id).ToList();
        if (due.Count == 0)
        {
            return unsent.Min(m => m.NextAttemptAt);
        }

        var mails = await db.Mail.Where(m => due.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        await SendAsync(db, mails, cancellationToken);
        return now; // look again at once: more may be due
    }

    private async Task SendAsync(ParleyDbContext db, List<MailRecord> mails, CancellationToken cancellationToken)
    {
        SmtpClient? client = null;
        Exception? unreachable = null;
        try
        {
            foreach (var mail in mails)
            {
                if (unreachable is null)
                {
                    try
                    {
                        client ??= await sender.ConnectAsync(cancellationToken);
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        // Counts as this batch's attempt for every mail in it: one time-out, not one per mail.
                        unreachable = e;
                    }
                }

                if (unreachable is not null)
                {
                    Failed(mail, unreachable);
                }
                else
                {
                    try
                    {
                        await client!.SendAsync(SmtpMailSender.Compose(mail, email.Value), cancellationToken);
                        Sent(mail);
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        Failed(mail, e);
                        if (client is { IsConnected: false })
                        {
                            client.Dispose();
                            client = null;
                        }
                    }
                }

                // Stored at once, even while stopping: a restart re-sends at most the mail that was in flight.
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        finally
        {
            if (client is not null)
            {
                await QuitAsync(client);
            }
        }
    }

    private void Sent(MailRecord mail)
    {
        var now = time.GetUtcNow();
        mail.Attempts++;
        mail.Status = MailStatus.Sent;
        mail.SentAt = now;
        mail.NextAttemptAt = null;
        mail.LastError = null;
        metrics.Attempted("sent");
        LogSent(mail.Id, mail.Attempts);
    }

    private void Failed(MailRecord mail, Exception failure)
    {
        mail.Attempts++;
        mail.LastError = Describe(failure);
        if (SmtpMailSender.IsPermanent(failure))
        {
            mail.Status = MailStatus.Failed;
            mail.NextAttemptAt = null;
            metrics.Attempted("failed");
            LogRefused(mail.Id, mail.Attempts, mail.LastError);
            return;
        }

        mail.Status = MailStatus.Retrying;
        mail.NextAttemptAt = time.GetUtcNow() + outbox.Value.RetryDelay(mail.Attempts);
        metrics.Attempted("retrying");
        LogRetrying(mail.Id, mail.Attempts, mail.NextAttemptAt.Value, mail.LastError);
    }

    private static string Describe(Exception failure)
    {
        var text = failure is SmtpCommandException command ? $"{(int)command.StatusCode} {command.Message}" : $"{failure.GetType().Name}: {failure.Message}";
        text = text.ReplaceLineEndings(" ");
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    private static async Task QuitAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(quit: true, quit.Token);
            }
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            // The mail was already handed over; a failed goodbye changes nothing.
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>Until <paramref name="next"/> on the server's clock, or a wake, whichever comes first.</summary>
    private async Task WaitAsync(DateTimeOffset? next, CancellationToken stoppingToken)
    {
        var delay = next - time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var woken = signal.WaitAsync(waiting.Token);
        var due = delay is { } d ? Task.Delay(d, time, waiting.Token) : Task.Delay(Timeout.InfiniteTimeSpan, waiting.Token);
        await Task.WhenAny(woken, due);
        await waiting.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    [LoggerMessage(EventId = 8501, Level = LogLevel.Warning, Message = "E-mail is not configured (Parley:Email:Smtp:Host): {Count} mail wait in the outbox, and more will, until it is.")]
    private partial void LogNotConfigured(int count);

    [LoggerMessage(EventId = 8502, Level = LogLevel.Debug, Message = "Mail {MailId} was sent (attempt {Attempts}).")]
    private partial void LogSent(long mailId, int attempts);

    [LoggerMessage(EventId = 8503, Level = LogLevel.Warning, Message = "Mail {MailId} was not sent (attempt {Attempts}); next attempt at {NextAttemptAt:O}: {Error}")]
    private partial void LogRetrying(long mailId, int attempts, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(EventId = 8504, Level = LogLevel.Error, Message = "Mail {MailId} was refused for good by the mail server (attempt {Attempts}); it stays failed until an admin retries it: {Error}")]
    private partial void LogRefused(long mailId, int attempts, string error);

    [LoggerMessage(EventId = 8505, Level = LogLevel.Error, Message = "The mail outbox could not be read; it is read again shortly.")]
    private partial void LogScanFailed(Exception exception);
}
