using Microsoft.EntityFrameworkCore;
using Parley.Server.Accounts;
using Parley.Server.Agents;
using Parley.Server.Audit;
using Parley.Server.Queues;
using Parley.Server.Storage;

namespace Parley.Server.Admin;

/// <summary>
/// The queues' announcements: one code path for the admin REST API and the admin page. A change is checked, stored and
/// loaded into <see cref="AnnouncementCatalog"/>, which tells the edges (through the availability snapshot). Changes
/// run one at a time, so the per-queue limit holds.
/// </summary>
public sealed partial class AnnouncementService(
    IDbContextFactory<ParleyDbContext> db,
    QueueCatalog queues,
    AnnouncementCatalog announcements,
    AgentDirectory agents,
    AuditLog audit,
    TimeProvider time,
    ILogger<AnnouncementService> logger) : IDisposable
{
    private readonly SemaphoreSlim _writes = new(1, 1);

    /// <summary>The announcements of one queue, or of all queues (by queue), in start order, each with its state now.</summary>
    public IReadOnlyList<AnnouncementDefinition> List(string? queue = null)
    {
        var now = time.GetUtcNow();
        return [.. announcements.All.Where(a => queue is null || a.Queue == queue).Select(a => AnnouncementDefinition.Of(a, now))];
    }

    public AnnouncementDefinition? Get(Guid id) => announcements.Find(id) is { } a ? AnnouncementDefinition.Of(a, time.GetUtcNow()) : null;

    /// <summary>Whether the queue exists (the list of an unknown queue is a 404, not an empty list).</summary>
    public bool QueueExists(string queue) => queues.Find(queue) is not null;

    /// <summary>Adds an announcement; the answer has its new id.</summary>
    public Task<AdminResult<AnnouncementDefinition>> CreateAsync(string actor, AnnouncementInput input, CancellationToken cancellationToken) =>
        StoreAsync(actor, Guid.CreateVersion7(time.GetUtcNow()), input, creating: true, cancellationToken);

    /// <summary>Replaces every field of an announcement (it may move to another queue).</summary>
    public Task<AdminResult<AnnouncementDefinition>> ReplaceAsync(string actor, Guid id, AnnouncementInput input, CancellationToken cancellationToken) =>
        StoreAsync(actor, id, input, creating: false, cancellationToken);

    public async Task<AdminResult> DeleteAsync(string actor, Guid id, CancellationToken cancellationToken)
    {
        if (!agents.HasRole(actor, AgentRoles.Admins))
        {
            return AdminResult.Forbidden;
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            int deleted;
            var before = Get(id);
            await using (var context = await db.CreateDbContextAsync(cancellationToken))
            {
                await using var transaction = await context.Database.BeginTransactionAsync(CancellationToken.None);
                deleted = await context.Announcements.Where(a => a.Id == id).ExecuteDeleteAsync(CancellationToken.None);
                if (deleted > 0)
                {
                    audit.Stage(context, actor, AuditActions.AnnouncementDeleted, AuditActions.Subject("announcement", id.ToString()), before, null);
                    await context.SaveChangesAsync(CancellationToken.None);
                }

                await transaction.CommitAsync(CancellationToken.None);
            }

            if (deleted == 0)
            {
                return AdminResult.NotFound($"There is no announcement {id}.");
            }

            await announcements.ReloadAsync(CancellationToken.None);
            LogAnnouncementSaved(id, "deleted");
            return AdminResult.Done;
        }
        finally
        {
            _writes.Release();
        }
    }

    public void Dispose() => _writes.Dispose();

    private async Task<AdminResult<AnnouncementDefinition>> StoreAsync(string actor, Guid id, AnnouncementInput input, bool creating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!agents.HasRole(actor, AgentRoles.Admins))
        {
            return AdminResult<AnnouncementDefinition>.From(AdminResult.Forbidden);
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (!creating && announcements.Find(id) is null)
            {
                return AdminResult<AnnouncementDefinition>.From(AdminResult.NotFound($"There is no announcement {id}."));
            }

            var (valid, errors) = AnnouncementValidation.Validate(
                id, input, time.GetUtcNow(), QueueExists, queue => announcements.All.Count(a => a.Queue == queue && a.Id != id));
            if (valid is null)
            {
                return AdminResult<AnnouncementDefinition>.From(AdminResult.Invalid(errors));
            }

            await using (var context = await db.CreateDbContextAsync(cancellationToken))
            {
                var record = creating ? null : await context.Announcements.FindAsync([id], cancellationToken);
                if (record is null)
                {
                    record = new AnnouncementRecord { Id = id, Queue = valid.Queue, Text = valid.Text };
                    context.Announcements.Add(record);
                }

                (record.Queue, record.Text, record.StartsAt, record.EndsAt) = (valid.Queue, valid.Text, valid.StartsAt, valid.EndsAt);
                audit.Stage(context, actor, creating ? AuditActions.AnnouncementCreated : AuditActions.AnnouncementChanged,
                    AuditActions.Subject("announcement", id.ToString()), creating ? null : Get(id), valid);
                try
                {
                    await context.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException) when (!QueueExists(valid.Queue))
                {
                    // The queue was deleted after the check (the foreign key refused the row).
                    return AdminResult<AnnouncementDefinition>.From(AdminResult.Invalid(new Dictionary<string, string[]> { ["queue"] = [$"There is no queue named '{valid.Queue}'."] }));
                }
            }

            await announcements.ReloadAsync(CancellationToken.None);
            LogAnnouncementSaved(id, creating ? "created" : "changed");
            return new(AnnouncementDefinition.Of(announcements.Find(id) ?? valid, time.GetUtcNow()), Created: creating);
        }
        finally
        {
            _writes.Release();
        }
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Admin: announcement {Id} {Action}")]
    private partial void LogAnnouncementSaved(Guid id, string action);
}
