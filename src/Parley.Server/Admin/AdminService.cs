using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parley.Routing;
using Parley.Server.Accounts;
using Parley.Server.Agents;
using Parley.Server.Audit;
using Parley.Server.Contracts;
using Parley.Server.Queues;
using Parley.Server.RoutingHost;
using Parley.Server.Storage;

namespace Parley.Server.Admin;

/// <summary>
/// Queue and agent administration: one code path for the admin REST API and the Blazor admin pages. A change is
/// validated, stored with its audit entry (one transaction), loaded into the catalog or directory and then handed to
/// routing. Changes run one at a time, so the references they check (overflow targets, memberships) cannot change
/// underneath them.
/// </summary>
public sealed partial class AdminService(
    IDbContextFactory<ParleyDbContext> db,
    QueueCatalog queues,
    QueueWorkflows workflows,
    CalendarCatalog calendars,
    AgentDirectory agents,
    RoutingCoordinator routing,
    AgentSessions sessions,
    IPasswordHasher<AgentRecord> hasher,
    AuditLog audit,
    TimeProvider time,
    ILogger<AdminService> logger) : IDisposable
{
    private readonly SemaphoreSlim _writes = new(1, 1);

    /// <summary>All queues, by name.</summary>
    public IReadOnlyList<QueueDefinition> ListQueues() =>
        [.. queues.All.OrderBy(q => q.Name, StringComparer.Ordinal).Select(ToDefinition)];

    /// <summary>One queue, or null.</summary>
    public QueueDefinition? GetQueue(string name) => queues.Find(name) is { } q ? ToDefinition(q) : null;

    /// <summary>The queue with its current workflow (a copy the caller may change).</summary>
    private QueueDefinition ToDefinition(QueueRecord q)
    {
        var definition = QueueMapping.ToDefinition(q);
        definition.Workflow = workflows.EditableCopy(q);
        return definition;
    }

    /// <summary>
    /// Creates the queue <paramref name="name"/> or replaces all its settings. <see cref="QueueDefinition.Name"/> may be
    /// empty; otherwise it must equal <paramref name="name"/>. Returns the saved queue (and whether it
    /// was created), or a <see cref="CoreError.Invalid"/> failure with field errors.
    /// </summary>
    public async Task<AdminResult<QueueDefinition>> SaveQueueAsync(string actor, string name, QueueDefinition queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (!agents.HasRole(actor, AgentRoles.Admins))
        {
            return AdminResult<QueueDefinition>.From(AdminResult.Forbidden);
        }

        if (NameMismatch("name", name, queue.Name) is { } mismatch)
        {
            return AdminResult<QueueDefinition>.From(mismatch);
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            var candidate = Copy(queue, name);
            var targets = queues.All.ToDictionary(q => q.Name, q => q.OverflowQueue, StringComparer.Ordinal);
            var errors = AdminValidation.ValidateQueue(candidate, targets, calendars.Contains);
            if (errors.Count > 0)
            {
                return AdminResult<QueueDefinition>.From(AdminResult.Invalid(errors));
            }

            bool created;
            QueueRecord saved;
            var before = GetQueue(name);
            await using (var context = await db.CreateDbContextAsync(cancellationToken))
            {
                var record = await context.Queues.FindAsync([name], cancellationToken);
                created = record is null;
                if (record is null)
                {
                    record = new QueueRecord { Name = name, DisplayName = "" };
                    context.Queues.Add(record);
                }

                QueueMapping.Apply(candidate, record);
                await QueueWorkflows.StageAsync(context, record, candidate, time.GetUtcNow(), cancellationToken);
                // Logged as saved: with the workflow version it was stored as.
                candidate.Workflow ??= new();
                candidate.Workflow.Version = record.WorkflowVersion;
                audit.Stage(context, actor, created ? AuditActions.QueueCreated : AuditActions.QueueChanged, AuditActions.Subject("queue", name), before, candidate);
                await context.SaveChangesAsync(cancellationToken);
                saved = record;
            }

            await queues.ReloadAsync(cancellationToken);
            var outcome = await routing.ApplyQueueAsync(saved, CancellationToken.None);
            if (outcome.Error is { } error)
            {
                // Validation mirrors the engine's checks, so this is a bug; the stored settings apply after a restart.
                LogRoutingRefused("queue", name, error);
            }

            LogQueueSaved(name, created ? "created" : "changed");
            return new(ToDefinition(saved), Created: created);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>
    /// Deletes a queue. Refused (<see cref="CoreError.Conflict"/>) while an agent is a member, another queue overflows
    /// to it, or it has open conversations.
    /// </summary>
    public async Task<AdminResult> DeleteQueueAsync(string actor, string name, CancellationToken cancellationToken)
    {
        if (!agents.HasRole(actor, AgentRoles.Admins))
        {
            return AdminResult.Forbidden;
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (queues.Find(name) is null)
            {
                return AdminResult.NotFound($"There is no queue named '{name}'.");
            }

            var members = agents.All.Where(a => a.Queues.Contains(name, StringComparer.Ordinal)).Select(a => a.Username).Order(StringComparer.Ordinal).ToList();
            if (members.Count > 0)
            {
                return AdminResult.Conflict($"Agents are still members of '{name}' ({string.Join(", ", members)}); take them out of the queue first.");
            }

            var supervisors = agents.All.Where(a => a.SupervisedQueues.Contains(name, StringComparer.Ordinal)).Select(a => a.Username).Order(StringComparer.Ordinal).ToList();
            if (supervisors.Count > 0)
            {
                return AdminResult.Conflict($"Supervisors still supervise '{name}' ({string.Join(", ", supervisors)}); take it from their teams first.");
            }

            var overflowing = queues.All.Where(q => q.OverflowQueue == name).Select(q => q.Name).Order(StringComparer.Ordinal).ToList();
            if (overflowing.Count > 0)
            {
                return AdminResult.Conflict($"Queues overflow to '{name}' ({string.Join(", ", overflowing)}); change their overflow first.");
            }

            var outcome = await routing.RemoveQueueAsync(name, cancellationToken);
            if (outcome.Error == RoutingError.InUse)
            {
                return AdminResult.Conflict($"'{name}' still has open conversations; delete it when they have ended.");
            }

            await DeleteAuditedAsync(context => context.Queues.Where(q => q.Name == name).ExecuteDeleteAsync(CancellationToken.None),
                actor, AuditActions.QueueDeleted, AuditActions.Subject("queue", name), GetQueue(name));

            await queues.ReloadAsync(CancellationToken.None);
            LogQueueSaved(name, "deleted");
            return AdminResult.Done;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>All agents, by username (never with a password).</summary>
    public IReadOnlyList<AgentDefinition> ListAgents() =>
        [.. agents.All.OrderBy(a => a.Username, StringComparer.Ordinal).Select(AgentMapping.ToDefinition)];

    /// <summary>One agent, or null.</summary>
    public AgentDefinition? GetAgent(string username) => agents.Find(username) is { } a ? AgentMapping.ToDefinition(a) : null;

    /// <summary>
    /// Creates the agent <paramref name="username"/> or replaces their settings. A new agent needs a password; on a change
    /// an empty password keeps the old one. The last admin cannot lose the admin role. Returns
    /// the saved agent (and whether it was created), or a <see cref="CoreError.Invalid"/> failure with field errors.
    /// </summary>
    public async Task<AdminResult<AgentDefinition>> SaveAgentAsync(string actor, string username, AgentInput agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (!agents.HasRole(actor, AgentRoles.Admins))
        {
            return AdminResult<AgentDefinition>.From(AdminResult.Forbidden);
        }

        if (NameMismatch("username", username, agent.Username) is { } mismatch)
        {
            return AdminResult<AgentDefinition>.From(mismatch);
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            var existing = agents.Find(username);
            var candidate = Copy(agent, username);
            var errors = AdminValidation.ValidateAgent(candidate, creating: existing is null, name => queues.Find(name) is not null);
            if (existing is not null && IsLastAdmin(existing) && !AgentMapping.Roles(candidate.Roles).Contains(AgentRoles.Admin))
            {
                errors["roles"] = ["At least one agent must keep the admin role."];
            }

            if (errors.Count > 0)
            {
                return AdminResult<AgentDefinition>.From(AdminResult.Invalid(errors));
            }

            AgentRecord saved;
            await using (var context = await db.CreateDbContextAsync(cancellationToken))
            {
                var record = await context.Agents.FindAsync([username], cancellationToken);
                if (record is null)
                {
                    record = new AgentRecord { Username = username, DisplayName = "", PasswordHash = "" };
                    context.Agents.Add(record);
                }

                AgentMapping.Apply(candidate, record);
                if (!string.IsNullOrEmpty(candidate.Password))
                {
                    record.PasswordHash = hasher.HashPassword(record, candidate.Password);
                }

                // The definitions carry no password; whether it changed is what the log may say.
                audit.Stage(context, actor, existing is null ? AuditActions.AgentCreated : AuditActions.AgentChanged, AuditActions.Subject("agent", username),
                    existing is null ? null : AgentMapping.ToDefinition(existing),
                    new AuditedAgent(AgentMapping.ToDefinition(record), PasswordChanged: existing is not null && !string.IsNullOrEmpty(candidate.Password)));
                await context.SaveChangesAsync(cancellationToken);
                saved = record;
            }

            // A sign-in must not keep rights the account no longer has, nor outlive the password it was made with.
            if (existing is not null && (existing.Roles.Except(saved.Roles).Any() || existing.PasswordHash != saved.PasswordHash))
            {
                await sessions.EndAllAsync(username, existing.PasswordHash != saved.PasswordHash ? "password changed" : "roles removed", CancellationToken.None);
            }

            await agents.ReloadAsync(cancellationToken);
            var outcome = await routing.ApplyAgentAsync(saved, CancellationToken.None);
            if (outcome.Error is { } error)
            {
                LogRoutingRefused("agent", username, error);
            }

            LogAgentSaved(username, existing is null ? "created" : "changed");
            return new(AgentMapping.ToDefinition(saved), Created: existing is null);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Deletes an agent. Refused (<see cref="CoreError.Conflict"/>) while they have open chats, or when they are the last admin.</summary>
    public async Task<AdminResult> DeleteAgentAsync(string actor, string username, CancellationToken cancellationToken)
    {
        if (!agents.HasRole(actor, AgentRoles.Admins))
        {
            return AdminResult.Forbidden;
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (agents.Find(username) is not { } existing)
            {
                return AdminResult.NotFound($"There is no agent named '{username}'.");
            }

            if (IsLastAdmin(existing))
            {
                return AdminResult.Conflict($"'{username}' is the last admin; give another agent the admin role first.");
            }

            var outcome = await routing.RemoveAgentAsync(username, cancellationToken);
            if (outcome.Error == RoutingError.InUse)
            {
                return AdminResult.Conflict($"'{username}' still has open chats; delete the account when they have ended or been transferred.");
            }

            await DeleteAuditedAsync(context => context.Agents.Where(a => a.Username == username).ExecuteDeleteAsync(CancellationToken.None),
                actor, AuditActions.AgentDeleted, AuditActions.Subject("agent", username), AgentMapping.ToDefinition(existing));

            await sessions.EndAllAsync(username, "account deleted", CancellationToken.None);
            await agents.ReloadAsync(CancellationToken.None);
            LogAgentSaved(username, "deleted");
            return AdminResult.Done;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>
    /// Marks an agent busy (or free again) in another system, such as a phone call: while any source says busy, the
    /// agent gets no chat offers. Held in memory by routing; integrations report it again after a restart.
    /// </summary>
    /// <param name="source">Which system reports it: <c>^[a-z0-9][a-z0-9-]{0,31}$</c>.</param>
    public async Task<AdminResult> SetExternalStateAsync(string username, string? source, bool busy, CancellationToken cancellationToken)
    {
        if (!AdminValidation.IsExternalSource(source))
        {
            return AdminResult.Invalid(new Dictionary<string, string[]>
            {
                ["source"] = ["Use 1–32 lower-case letters, digits and dashes, starting with a letter or digit (for example voice)."],
            });
        }

        if (agents.Find(username) is null)
        {
            return AdminResult.NotFound($"There is no agent named '{username}'.");
        }

        var outcome = await routing.SetExternalStateAsync(username, source!, busy, cancellationToken);
        return outcome.Error == RoutingError.UnknownAgent
            ? AdminResult.NotFound($"There is no agent named '{username}'.")
            : AdminResult.Done;
    }

    public void Dispose() => _writes.Dispose();

    private bool IsLastAdmin(AgentRecord agent) =>
        agent.Roles.Contains(AgentRoles.Admin) && !agents.All.Any(a => a.Username != agent.Username && a.Roles.Contains(AgentRoles.Admin));

    private static AdminResult? NameMismatch(string field, string inUrl, string? inBody) =>
        string.IsNullOrEmpty(inBody) || string.Equals(inBody, inUrl, StringComparison.Ordinal)
            ? null
            : AdminResult.Invalid(new Dictionary<string, string[]> { [field] = [$"The body names '{inBody}' but the address '{inUrl}'; renaming is not supported."] });

    /// <summary>A copy with the name from the address, so validation and storage never change the caller's object.</summary>
    private static QueueDefinition Copy(QueueDefinition q, string name) => new()
    {
        Name = name,
        DisplayName = q.DisplayName,
        Welcome = q.Welcome,
        OfferTimeoutSeconds = q.OfferTimeoutSeconds,
        Questions = q.Questions ?? [],
        RequiredSkills = q.RequiredSkills ?? [],
        Priority = q.Priority,
        AnswerRules = q.AnswerRules ?? [],
        MaxQueueLength = q.MaxQueueLength,
        MaxWaitSeconds = q.MaxWaitSeconds,
        OverflowQueue = string.IsNullOrEmpty(q.OverflowQueue) ? null : q.OverflowQueue,
        OverflowAfterSeconds = q.OverflowAfterSeconds,
        Relaxation = q.Relaxation ?? [],
        WrapUpSeconds = q.WrapUpSeconds,
        Strategy = q.Strategy,
        PriorityAgingSeconds = q.PriorityAgingSeconds,
        ManualPick = q.ManualPick,
        AffinitySeconds = q.AffinitySeconds,
        RetentionDays = q.RetentionDays,
        Calendar = string.IsNullOrWhiteSpace(q.Calendar) ? null : q.Calendar.Trim(),
        ClosedPolicy = q.ClosedPolicy,
        NoAgentsPolicy = q.NoAgentsPolicy,
        ServiceLevelSeconds = q.ServiceLevelSeconds,
        ServiceLevelTarget = q.ServiceLevelTarget,
        ShortAbandonSeconds = q.ShortAbandonSeconds,
        AttachmentMaxBytes = q.AttachmentMaxBytes,
        AttachmentTypes = q.AttachmentTypes,
        Workflow = q.Workflow ?? new(),
        WrapUpCodes = q.WrapUpCodes ?? [],
        WrapUpCodeRequired = q.WrapUpCodeRequired,
    };

    private static AgentInput Copy(AgentInput a, string username) => new()
    {
        Username = username,
        DisplayName = a.DisplayName,
        Password = a.Password,
        Roles = a.Roles ?? [],
        Queues = a.Queues ?? [],
        SupervisedQueues = a.SupervisedQueues ?? [],
        QueuePriorities = a.QueuePriorities ?? [],
        Skills = a.Skills ?? [],
        Capacity = a.Capacity,
    };

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Admin: queue {Name} {Action}")]
    private partial void LogQueueSaved(string name, string action);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Admin: agent {Username} {Action}")]
    private partial void LogAgentSaved(string username, string action);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Admin: calendar {Name} {Action}")]
    private partial void LogCalendarSaved(string name, string action);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Routing refused the saved {Kind} {Name}: {Error}")]
    private partial void LogRoutingRefused(string kind, string name, RoutingError error);
}
