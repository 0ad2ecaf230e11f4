using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Storage;

namespace Parley.Server.Queues;

/// <summary>
/// The versions of every queue's workflow, in memory (they are few and never change: a change is a new version), so
/// the workflow of a conversation costs no database read. Loaded with the queues (<see cref="QueueCatalog"/>); a new
/// version is staged with the queue's change (<see cref="StageAsync"/>), in the same transaction.
/// </summary>
public sealed class QueueWorkflows(IDbContextFactory<ParleyDbContext> db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The workflow of a queue without a saved version (version 0): every part off, today's texts.</summary>
    public static readonly WorkflowDefinition Default = new();

    private FrozenDictionary<(string Queue, int Version), WorkflowDefinition> _versions = FrozenDictionary<(string, int), WorkflowDefinition>.Empty;

    /// <summary>The workflow <paramref name="version"/> of <paramref name="queue"/>, shared: never change it. Unknown: the default.</summary>
    public WorkflowDefinition For(string queue, int version) => _versions.GetValueOrDefault((queue, version)) ?? Default;

    /// <summary>The workflow a conversation started with (its start queue's version, kept through transfers).</summary>
    public WorkflowDefinition ForConversation(ConversationRecord conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return For(conversation.StartQueue ?? conversation.Queue, conversation.WorkflowVersion);
    }

    /// <summary>A copy of the queue's current workflow, for an editor to change.</summary>
    public WorkflowDefinition EditableCopy(QueueRecord queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return Copy(For(queue.Name, queue.WorkflowVersion));
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var rows = await context.QueueWorkflows.AsNoTracking().ToListAsync(cancellationToken);
        _versions = rows.ToFrozenDictionary(r => (r.Queue, r.Version), Read);
    }

    /// <summary>
    /// Keeps the welcome and workflow of <paramref name="definition"/> as a new version of the queue when they differ
    /// from its latest one, and points the queue (a new or tracked record) at it. Saved by the caller's SaveChanges.
    /// </summary>
    public static async Task StageAsync(ParleyDbContext context, QueueRecord queue, QueueDefinition definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(definition);
        var json = Write(queue.Welcome, definition.Workflow ?? new());
        // The latest version, not the queue's own pointer: a queue deleted and created again continues its numbers
        // (conversations may still name the old ones).
        var stored = await context.QueueWorkflows.AsNoTracking().Where(w => w.Queue == queue.Name)
            .OrderByDescending(w => w.Version).FirstOrDefaultAsync(cancellationToken);
        // One staged in this unit of work and not saved yet (the demo's, then the configured queue of the same name) counts too.
        var staged = context.QueueWorkflows.Local.Where(w => w.Queue == queue.Name).MaxBy(w => w.Version);
        var latest = staged is not null && staged.Version > (stored?.Version ?? 0) ? staged : stored;
        if (latest is not null && latest.Definition == json)
        {
            queue.WorkflowVersion = latest.Version;
            return;
        }

        var version = (latest?.Version ?? 0) + 1;
        context.QueueWorkflows.Add(new QueueWorkflowRecord { Queue = queue.Name, Version = version, Definition = json, CreatedAt = now });
        queue.WorkflowVersion = version;
    }

    private static WorkflowDefinition Copy(WorkflowDefinition workflow)
    {
        var copy = JsonSerializer.Deserialize<WorkflowDefinition>(JsonSerializer.Serialize(workflow, Json), Json) ?? new();
        copy.Version = workflow.Version;
        return copy;
    }

    private static WorkflowDefinition Read(QueueWorkflowRecord row)
    {
        var stored = JsonSerializer.Deserialize<StoredWorkflow>(row.Definition, Json);
        var workflow = stored?.Workflow ?? new();
        workflow.Version = row.Version;
        workflow.Survey ??= new();
        workflow.Transcript ??= new();
        return workflow;
    }

    private static string Write(string? welcome, WorkflowDefinition workflow)
    {
        var copy = Copy(workflow);
        copy.Version = 0;
        copy.AgentJoined = Trimmed(copy.AgentJoined);
        copy.Closing = Trimmed(copy.Closing);
        if (copy.CustomerInactivity is { } customer)
        {
            customer.Warning = customer.Warning.Trim();
            customer.Closing = customer.Closing.Trim();
        }

        copy.Survey ??= new();
        copy.Transcript ??= new();
        copy.Survey.Question = Trimmed(copy.Survey.Question);
        copy.Survey.CommentLabel = Trimmed(copy.Survey.CommentLabel); // The row's key says it; the same texts compare equal whatever version an input claimed.
        return JsonSerializer.Serialize(new StoredWorkflow(welcome, copy), Json);
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>What a version keeps: the greeting (the queue's welcome) and the workflow.</summary>
    private sealed record StoredWorkflow(string? Welcome, WorkflowDefinition Workflow);
}
