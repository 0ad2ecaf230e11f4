using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Server.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Email;

/// <summary>The admins' view of the outbox (REST and the <c>/admin/mail</c> page): each mail's status, and "retry now".</summary>
public sealed class MailOutboxAdmin(IDbContextFactory<ParleyDbContext> databases, MailOutboxSignal signal, IOptions<EmailOptions> email, TimeProvider time)
{
    public const int MaxPageSize = 200;

    public bool Configured => email.Value.IsConfigured;

    /// <summary>
    /// Page <paramref name="page"/> (from 1) of the mail with <paramref name="status"/> (all when null), about
    /// <paramref name="conversationId"/> when given, newest first.
    /// </summary>
    public async Task<MailPage> ListAsync(MailStatus? status, int page, int pageSize, CancellationToken cancellationToken, Guid? conversationId = null)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var mail = db.Mail.AsNoTracking();
        if (status is { } only)
        {
            mail = mail.Where(m => m.Status == only);
        }

        if (conversationId is { } conversation)
        {
            mail = mail.Where(m => m.ConversationId == conversation);
        }

        var total = await mail.CountAsync(cancellationToken);
        var rows = await mail.OrderByDescending(m => m.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new MailPage([.. rows.Select(MailView.From)], page, pageSize, total, Configured);
    }

    /// <summary>
    /// Makes a mail that is not sent due now (a failed one too) and wakes the worker; its attempts are kept.
    /// </summary>
    /// <exception cref="CoreException"><see cref="CoreError.NotFound"/>, or <see cref="CoreError.Conflict"/> when it was sent.</exception>
    public async Task<MailView> RetryAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var mail = await db.Mail.SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new CoreException(CoreError.NotFound, $"There is no mail {id} in the outbox.");
        if (mail.Status == MailStatus.Sent)
        {
            throw new CoreException(CoreError.Conflict, $"Mail {id} was already sent.");
        }

        mail.Status = mail.Attempts == 0 ? MailStatus.Pending : MailStatus.Retrying;
        mail.NextAttemptAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return MailView.From(mail);
    }
}
