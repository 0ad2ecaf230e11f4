using Microsoft.EntityFrameworkCore;
using Parley.Server.Accounts;
using Parley.Server.Agents;
using Parley.Server.Audit;
using Parley.Server.Contracts;
using Parley.Server.Queues;
using Parley.Server.Storage;

namespace Parley.Server.CannedResponses;

/// <summary>
/// Canned responses: one code path for the agent and admin APIs, the desk's picker and the pages. Rights are the
/// account's as it is now: each agent writes their own; a queue's are written by a supervisor of that queue (team scoping,
/// <see cref="SupervisorScope"/>) or an admin; global ones by admins. An agent reads what they may use: their own, those
/// of the queues they serve and the global ones; another agent's own responses are not found. The database keeps each shortcut unique per scope and owner.
/// A queue's and the global responses are what the floor says to customers: every change to them is in the audit log,
/// in the same transaction (an agent's own are their notebook, and are not).
/// </summary>
public sealed partial class CannedResponseService(
    IDbContextFactory<ParleyDbContext> db,
    AgentDirectory agents,
    SupervisorScope supervisors,
    QueueCatalog queues,
    AuditLog audit,
    TimeProvider time,
    ILogger<CannedResponseService> logger)
{
    /// <summary>The refusal of an <c>attachmentId</c> that is not a canned-response file this account may attach.</summary>
    public const string NotAttachable = "Attach a file uploaded for canned responses (by you, or one a response you may use already carries); this id is none.";

    private static readonly string[] Scopes = [CannedResponseRecord.Personal, CannedResponseRecord.Queue, CannedResponseRecord.Global];

    /// <summary>What <paramref name="username"/> may use in a chat, by shortcut (their own first where shortcuts meet).</summary>
    public async Task<IReadOnlyList<CannedResponse>> ListUsableAsync(string username, CancellationToken cancellationToken)
    {
        var served = agents.Find(username)?.Queues ?? [];
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var records = await context.CannedResponses.AsNoTracking()
            .Where(r => (r.Scope == CannedResponseRecord.Personal && r.Owner == username)
                || (r.Scope == CannedResponseRecord.Queue && served.Contains(r.Owner))
                || r.Scope == CannedResponseRecord.Global)
            .ToListAsync(cancellationToken);
        var files = await FilesAsync(context, records, cancellationToken);
        return [.. records.OrderBy(r => r.Shortcut, StringComparer.Ordinal).ThenBy(r => Array.IndexOf(Scopes, r.Scope)).ThenBy(r => r.Owner, StringComparer.Ordinal).Select(r => Of(r, files))];
    }

    /// <summary>One response <paramref name="username"/> may use now (their own, their queues', a global one), or null.</summary>
    public async Task<CannedResponse?> FindUsableAsync(string username, Guid id, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var record = await context.CannedResponses.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return record is not null && MayUse(username, record) ? Of(record, await FilesAsync(context, [record], cancellationToken)) : null;
    }

    /// <summary>The global responses, then the queues' that <paramref name="username"/> may write (an admin: every queue's), by queue.</summary>
    public async Task<IReadOnlyList<CannedResponse>> ListManagedAsync(string username, CancellationToken cancellationToken)
    {
        var admin = supervisors.SupervisesAll(username);
        var supervised = supervisors.SupervisedQueues(username).ToList();
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var records = await context.CannedResponses.AsNoTracking()
            .Where(r => r.Scope == CannedResponseRecord.Global || (r.Scope == CannedResponseRecord.Queue && (admin || supervised.Contains(r.Owner))))
            .ToListAsync(cancellationToken);
        var files = await FilesAsync(context, records, cancellationToken);
        // A deleted queue's responses stay stored (a queue of the same name gets them back) but are not listed.
        return [.. records.Where(r => r.Scope != CannedResponseRecord.Queue || queues.Find(r.Owner) is not null).OrderBy(r => r.Scope == CannedResponseRecord.Queue).ThenBy(r => r.Owner, StringComparer.Ordinal).ThenBy(r => r.Shortcut, StringComparer.Ordinal).Select(r => Of(r, files))];
    }

    /// <summary>Adds a response in the input's scope, or <paramref name="defaultScope"/> when it names none.</summary>
    public async Task<CoreResult<CannedResponse>> CreateAsync(string actor, CannedResponseInput input, string defaultScope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var scope = input.Scope?.Trim().ToLowerInvariant() is { Length: > 0 } named ? named : defaultScope;
        if (!Scopes.Contains(scope))
        {
            return Invalid("scope", "Say personal, queue or global.");
        }

        var owner = scope switch
        {
            CannedResponseRecord.Personal => actor,
            CannedResponseRecord.Queue => input.Queue?.Trim() ?? "",
            _ => "",
        };
        if (scope == CannedResponseRecord.Queue && queues.Find(owner) is null)
        {
            return Invalid("queue", string.IsNullOrEmpty(owner) ? "Choose the queue whose agents use it." : $"There is no queue named '{owner}'.");
        }

        if (WriteRefusal(actor, scope, owner) is { } refused)
        {
            return new(null, refused);
        }

        var (valid, errors) = CannedResponseValidation.Validate(input);
        if (valid is null)
        {
            return new(null, new CoreFailure(CoreError.Invalid, "Some fields are not valid.", errors));
        }

        if (valid.AttachmentId is { } fileId && !await MayAttachAsync(actor, fileId, cancellationToken))
        {
            return Invalid("attachmentId", NotAttachable);
        }

        var record = new CannedResponseRecord
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Scope = scope,
            Owner = owner,
            Shortcut = valid.Shortcut!,
            Title = valid.Title!,
            Text = valid.Text!,
            UpdatedBy = actor,
        };
        return await SaveAsync(record, valid, before: null, cancellationToken);
    }

    /// <summary>Replaces the shortcut, title, text and attachment of a response the actor may write.</summary>
    public async Task<CoreResult<CannedResponse>> ReplaceAsync(string actor, Guid id, CannedResponseInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var record = await context.CannedResponses.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (Refusal(actor, id, record) is { } refused)
        {
            return new(null, refused);
        }

        var (valid, errors) = CannedResponseValidation.Validate(input);
        if (valid is null)
        {
            return new(null, new CoreFailure(CoreError.Invalid, "Some fields are not valid.", errors));
        }

        // The file it carries now stays attachable by whoever may change it (an admin keeps another admin's file).
        if (valid.AttachmentId is { } fileId && fileId != record!.AttachmentId && !await MayAttachAsync(actor, fileId, cancellationToken))
        {
            return Invalid("attachmentId", NotAttachable);
        }

        var before = Audited(record!);
        record!.UpdatedBy = actor;
        return await SaveAsync(record, valid, before, cancellationToken);
    }

    public async Task<CoreFailure?> DeleteAsync(string actor, Guid id, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var record = await context.CannedResponses.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (Refusal(actor, id, record) is { } refused)
        {
            return refused;
        }

        context.CannedResponses.Remove(record!);
        if (record!.Scope != CannedResponseRecord.Personal)
        {
            audit.Stage(context, actor, AuditActions.CannedResponseDeleted, AuditActions.Subject("cannedResponse", id.ToString()), Audited(record), null);
        }

        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new CoreFailure(CoreError.NotFound, $"There is no canned response {id}."); // deleted meanwhile
        }

        LogSaved(id, record.Scope, record.Owner, "deleted", actor);
        return null;
    }

    /// <summary>Not found when the actor may neither use nor write it (another agent's own); forbidden when they may only use it.</summary>
    private CoreFailure? Refusal(string actor, Guid id, CannedResponseRecord? record)
    {
        if (record is null || (!MayUse(actor, record) && WriteRefusal(actor, record.Scope, record.Owner) is not null))
        {
            return new CoreFailure(CoreError.NotFound, $"There is no canned response {id}.");
        }

        return WriteRefusal(actor, record.Scope, record.Owner);
    }

    private bool MayUse(string actor, CannedResponseRecord record) => record.Scope switch
    {
        CannedResponseRecord.Personal => record.Owner == actor,
        CannedResponseRecord.Queue => agents.Find(actor)?.Queues.Contains(record.Owner) == true,
        _ => agents.Find(actor) is not null,
    };

    private CoreFailure? WriteRefusal(string actor, string scope, string owner) => scope switch
    {
        CannedResponseRecord.Personal when owner == actor && agents.Find(actor) is not null => null,
        CannedResponseRecord.Queue when agents.HasRole(actor, AgentRoles.Admins) => null,
        CannedResponseRecord.Queue when supervisors.MaySupervise(actor, owner) => null,
        CannedResponseRecord.Queue => new CoreFailure(CoreError.Forbidden, $"Only an admin or a supervisor of '{owner}' can change its canned responses."),
        CannedResponseRecord.Global when agents.HasRole(actor, AgentRoles.Admins) => null,
        CannedResponseRecord.Global => new CoreFailure(CoreError.Forbidden, "Only an admin can change the global canned responses."),
        _ => new CoreFailure(CoreError.Forbidden, "Only its agent can change their own canned response."),
    };

    private async Task<CoreResult<CannedResponse>> SaveAsync(CannedResponseRecord record, CannedResponseInput valid, AuditedResponse? before, CancellationToken cancellationToken)
    {
        var adding = before is null;
        (record.Shortcut, record.Title, record.Text, record.AttachmentId, record.UpdatedAt) =
            (valid.Shortcut!, valid.Title!, valid.Text!, valid.AttachmentId, time.GetUtcNow());
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        if (adding)
        {
            context.CannedResponses.Add(record);
        }
        else
        {
            context.CannedResponses.Update(record);
        }

        if (record.Scope != CannedResponseRecord.Personal)
        {
            audit.Stage(context, record.UpdatedBy, adding ? AuditActions.CannedResponseCreated : AuditActions.CannedResponseChanged,
                AuditActions.Subject("cannedResponse", record.Id.ToString()), before, Audited(record));
        }

        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Invalid("shortcut", $"'/{record.Shortcut}' is already used here; choose another shortcut.");
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(null, new CoreFailure(CoreError.NotFound, $"There is no canned response {record.Id}."));
        }

        LogSaved(record.Id, record.Scope, record.Owner, adding ? "created" : "changed", record.UpdatedBy);
        return CoreResult.Ok(Of(record, await FilesAsync(context, [record], cancellationToken)));
    }

    /// <summary>
    /// A file <paramref name="actor"/> may attach: a canned-response file they uploaded, or one a response they may use or
    /// change already carries. Never any other stored file (a customer's upload in another conversation, say).
    /// </summary>
    private async Task<bool> MayAttachAsync(string actor, Guid fileId, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var file = await context.CannedResponseFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, cancellationToken);
        if (file is null || agents.Find(actor) is null)
        {
            return false;
        }

        if (file.UploadedBy == actor)
        {
            return true;
        }

        var carriers = await context.CannedResponses.AsNoTracking().Where(r => r.AttachmentId == fileId).ToListAsync(cancellationToken);
        return carriers.Exists(r => MayUse(actor, r) || WriteRefusal(actor, r.Scope, r.Owner) is null);
    }

    private static async Task<Dictionary<Guid, CannedResponseFile>> FilesAsync(ParleyDbContext context, IReadOnlyCollection<CannedResponseRecord> records, CancellationToken cancellationToken)
    {
        var ids = records.Where(r => r.AttachmentId is not null).Select(r => r.AttachmentId!.Value).Distinct().ToList();
        return ids.Count == 0
            ? []
            : await context.CannedResponseFiles.AsNoTracking().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, CannedResponseFile.Of, cancellationToken);
    }

    private static CannedResponse Of(CannedResponseRecord record, Dictionary<Guid, CannedResponseFile> files) =>
        CannedResponse.Of(record, record.AttachmentId is { } id ? files.GetValueOrDefault(id) : null);

    private static CoreResult<CannedResponse> Invalid(string field, string message) =>
        new(null, new CoreFailure(CoreError.Invalid, "Some fields are not valid.", new Dictionary<string, string[]> { [field] = [message] }));

    [LoggerMessage(EventId = 5501, Level = LogLevel.Information, Message = "Canned response {Id} ({Scope} {Owner}) {Action} by {Actor}")]
    private partial void LogSaved(Guid id, string scope, string owner, string action, string actor);

    /// <summary>What the audit log keeps of a response: where it is used and what it says.</summary>
    private static AuditedResponse Audited(CannedResponseRecord r) =>
        new(r.Scope, r.Scope == CannedResponseRecord.Queue ? r.Owner : null, r.Shortcut, r.Title, r.Text, r.AttachmentId);

    private sealed record AuditedResponse(string Scope, string? Queue, string Shortcut, string Title, string Text, Guid? AttachmentId);
}
