using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Accounts;
using Parley.Server.Agents;
using Parley.Server.Audit;
using Parley.Server.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Privacy;

/// <summary>
/// Erases a customer's data on request (admin): every conversation of theirs — found by e-mail address, visitor id
/// or one of their conversations — is purged with its messages, notes, files, mails and transcripts
/// (<see cref="ConversationPurge"/>); the reporting facts stay, naming no customer. Refused while one of them is still
/// open. The erasure is audited under a hash of who was erased, so the log itself keeps no address.
/// </summary>
public sealed class CustomerErasure(IDbContextFactory<ParleyDbContext> db, ConversationPurge purge, AuditLog audit, AgentDirectory agents)
{
    /// <summary>
    /// The conversations an erasure by <paramref name="request"/> would remove, newest first, and what identifies the
    /// customer (so the admin sees whom they are about to erase before they do).
    /// </summary>
    public async Task<CoreResult<ErasureMatch>> FindAsync(string actor, ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!agents.HasRole(actor, AgentRoles.Admins))
        {
            return CoreResult.Fail<ErasureMatch>(CoreError.Forbidden, "Only an admin erases a customer's data.");
        }

        var email = Normalize(request.Email)?.ToLowerInvariant();
        var visitor = Normalize(request.VisitorId);
        if (email is null && visitor is null && request.ConversationId is null)
        {
            return CoreResult.Fail<ErasureMatch>(CoreError.Invalid, "Say whose data to erase: an e-mail address, a visitor id or a conversation.");
        }

        await using var context = await db.CreateDbContextAsync(cancellationToken);
        if (request.ConversationId is { } id)
        {
            var known = await context.Conversations.AsNoTracking().Where(c => c.Id == id)
                .Select(c => new { c.CustomerEmail, c.VisitorId }).FirstOrDefaultAsync(cancellationToken);
            if (known is null)
            {
                return CoreResult.Fail<ErasureMatch>(CoreError.NotFound, $"There is no conversation {id}.");
            }

            email ??= Normalize(known.CustomerEmail)?.ToLowerInvariant();
            visitor ??= Normalize(known.VisitorId);
        }

        // lower() on both providers (an address is stored as typed); string.Equals with a comparison has no SQL translation.
#pragma warning disable CA1862
        var theirs = await context.Conversations.AsNoTracking()
            .Where(c => (request.ConversationId != null && c.Id == request.ConversationId)
                || (email != null && c.CustomerEmail != null && c.CustomerEmail.ToLower() == email)
                || (visitor != null && c.VisitorId == visitor))
            .Select(c => new ErasureCandidate(c.Id, c.Queue, c.CustomerName, c.CustomerEmail, c.StartedAt, c.EndedAt, c.State))
            .ToListAsync(cancellationToken);
#pragma warning restore CA1862
        var subject = AuditActions.Subject("customer", Hash(email ?? visitor ?? request.ConversationId!.Value.ToString()));
        return CoreResult.Ok(new ErasureMatch(subject, [.. theirs.OrderByDescending(c => c.StartedAt)]));
    }

    public async Task<CoreResult<ErasureResult>> EraseAsync(string actor, ErasureRequest request, CancellationToken cancellationToken)
    {
        var found = await FindAsync(actor, request, cancellationToken);
        if (found.Failure is { } failure)
        {
            return new CoreResult<ErasureResult>(null, failure);
        }

        var match = found.Value!;
        if (match.Open > 0)
        {
            return CoreResult.Fail<ErasureResult>(CoreError.Conflict, $"{match.Open} of this customer's conversations are still open; erase their data when they have ended.");
        }

        var removed = await purge.PurgeAsync([.. match.Conversations.Select(c => c.ConversationId)], cancellationToken);
        await audit.RecordAsync(actor, AuditActions.CustomerErased, match.Subject, null,
            new { removed.Conversations, removed.Messages, removed.Files, removed.Mails }, CancellationToken.None);
        return CoreResult.Ok(new ErasureResult(match.Subject, removed.Conversations, removed.Messages, removed.Files, removed.Mails));
    }

    /// <summary>The first 16 hex digits of the SHA-256 of what identified the customer (lower-case e-mail or visitor id).</summary>
    public static string Hash(string who) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(who)))[..16];

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
