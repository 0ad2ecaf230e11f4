using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Parley.Server.Contracts;
using Parley.Server.Queues;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>
/// A conversation's wrap-up code and tags (core only). Each change is stored with its reporting fact in one
/// transaction, so the report never misses or invents one. Who may change them is the caller's to check (the agent desk).
/// </summary>
public sealed class ConversationWrapUps(
    IDbContextFactory<ParleyDbContext> db, QueueCatalog queues, TimeProvider time, ReportLogSignal reportSignal, IOptions<WrapUpOptions> options)
{
    /// <summary>
    /// Refuses (<see cref="CoreError.WrapUpClosed"/>) a change by the chat's agent once the wrap-up window after its end
    /// has passed; <paramref name="anyTime"/>: the actor supervises its queue or is an admin, who may correct it later.
    /// </summary>
    public void CheckMayChange(ConversationRecord conversation, bool anyTime)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (!anyTime && WrapUpRules.CheckChangeWindow(conversation.EndedAt, time.GetUtcNow(), options.Value.ChangeWindow) is { } refusal)
        {
            throw new CoreException(CoreError.WrapUpClosed, refusal);
        }
    }

    public async Task<WrapUpView> GetAsync(ConversationRecord conversation, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await ViewAsync(context, conversation, cancellationToken);
    }

    /// <summary>Null when the chat may close now (with <paramref name="code"/> about to be chosen, if given), else the reason.</summary>
    public async Task<string?> CheckCloseAsync(ConversationRecord conversation, string? code, CancellationToken cancellationToken)
    {
        var queue = queues.Find(conversation.Queue);
        if (queue is not { WrapUpCodeRequired: true } || code is not null)
        {
            return null;
        }

        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var chosen = await context.ConversationWrapUps.AsNoTracking().Where(w => w.ConversationId == conversation.Id).Select(w => w.Code).FirstOrDefaultAsync(cancellationToken);
        return WrapUpRules.CheckClose(queue.WrapUpCodeRequired, queue.WrapUpCodes, chosen);
    }

    /// <summary>Chooses (or changes) the chat's wrap-up code: one of its queue's.</summary>
    public async Task<WrapUpView> SetCodeAsync(ConversationRecord conversation, string agent, string? code, CancellationToken cancellationToken)
    {
        code = code?.Trim();
        if (WrapUpRules.CheckChoice(Codes(conversation), code) is { } error)
        {
            throw new CoreException(CoreError.Invalid, error);
        }

        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var row = await context.ConversationWrapUps.FirstOrDefaultAsync(w => w.ConversationId == conversation.Id, cancellationToken);
        if (row?.Code != code)
        {
            if (row is null)
            {
                context.ConversationWrapUps.Add(new ConversationWrapUpRecord { ConversationId = conversation.Id, Code = code!, ChosenBy = agent, ChosenAt = now });
            }
            else
            {
                row.Code = code!;
                row.ChosenBy = agent;
                row.ChosenAt = now;
            }

            context.ReportEvents.Add(ConversationFacts.Of(ReportEventKinds.WrapUpCoded, conversation, now, agent, detail: code));
            await SaveAsync(context, cancellationToken);
        }

        return await ViewAsync(context, conversation, cancellationToken);
    }

    /// <summary>Adds a tag (normalised; adding one it has changes nothing), at most <see cref="TagName.MaxPerConversation"/>.</summary>
    public async Task<WrapUpView> AddTagAsync(ConversationRecord conversation, string agent, string? tag, CancellationToken cancellationToken)
    {
        var name = TagName.Normalize(tag) ?? throw new CoreException(CoreError.Invalid, TagName.Error);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var tags = await context.ConversationTags.Where(t => t.ConversationId == conversation.Id).Select(t => t.Tag).ToListAsync(cancellationToken);
        if (!tags.Contains(name))
        {
            if (tags.Count >= TagName.MaxPerConversation)
            {
                throw new CoreException(CoreError.Invalid, $"A chat has at most {TagName.MaxPerConversation} tags.");
            }

            var now = time.GetUtcNow();
            context.ConversationTags.Add(new ConversationTagRecord { ConversationId = conversation.Id, Tag = name, AddedBy = agent, AddedAt = now });
            context.ReportEvents.Add(ConversationFacts.Of(ReportEventKinds.TagAdded, conversation, now, agent, detail: name));
            try
            {
                await SaveAsync(context, cancellationToken);
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                // Added at the same moment by another call: it is there, which is what was asked.
            }
        }

        return await GetAsync(conversation, cancellationToken);
    }

    /// <summary>Removes a tag (removing one it does not have changes nothing).</summary>
    public async Task<WrapUpView> RemoveTagAsync(ConversationRecord conversation, string agent, string? tag, CancellationToken cancellationToken)
    {
        var name = TagName.Normalize(tag) ?? throw new CoreException(CoreError.Invalid, TagName.Error);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        if (await context.ConversationTags.FirstOrDefaultAsync(t => t.ConversationId == conversation.Id && t.Tag == name, cancellationToken) is { } row)
        {
            context.ConversationTags.Remove(row);
            context.ReportEvents.Add(ConversationFacts.Of(ReportEventKinds.TagRemoved, conversation, time.GetUtcNow(), agent, detail: name));
            await SaveAsync(context, cancellationToken);
        }

        return await ViewAsync(context, conversation, cancellationToken);
    }

    private List<WrapUpCodeRecord> Codes(ConversationRecord conversation) => queues.Find(conversation.Queue)?.WrapUpCodes ?? [];

    private async Task SaveAsync(ParleyDbContext context, CancellationToken cancellationToken)
    {
        await context.SaveChangesAsync(cancellationToken);
        reportSignal.Wake();
    }

    private async Task<WrapUpView> ViewAsync(ParleyDbContext context, ConversationRecord conversation, CancellationToken cancellationToken)
    {
        var id = conversation.Id;
        var code = await context.ConversationWrapUps.AsNoTracking().Where(w => w.ConversationId == id).Select(w => w.Code).FirstOrDefaultAsync(cancellationToken);
        var tags = await context.ConversationTags.AsNoTracking().Where(t => t.ConversationId == id).Select(t => t.Tag).ToListAsync(cancellationToken);
        var queue = queues.Find(conversation.Queue);
        return new WrapUpView(id, [.. (queue?.WrapUpCodes ?? []).Select(c => new WrapUpCodeView(c.Code, c.Label))], queue?.WrapUpCodeRequired == true,
            code, [.. tags.Order(StringComparer.Ordinal)]);
    }
}
