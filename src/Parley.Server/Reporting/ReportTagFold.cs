using Microsoft.EntityFrameworkCore;
using Parley.Server.Storage;
using Kinds = Parley.Server.Storage.ReportEventKinds;

namespace Parley.Server.Reporting;

/// <summary>
/// The tags of a batch of the queue projection: the rows of the conversations the tag facts touch, loaded once, added
/// and removed fact by fact, left tracked for the batch's one SaveChanges.
/// </summary>
internal sealed class ReportTagFold(ParleyDbContext context)
{
    private readonly Dictionary<(Guid Conversation, string Tag), ReportConversationTagRecord> _tags = [];

    public static bool Folds(string kind) => kind is Kinds.TagAdded or Kinds.TagRemoved;

    public async Task LoadAsync(IReadOnlyList<ReportEventRecord> facts, CancellationToken cancellationToken)
    {
        var ids = facts.Where(f => Folds(f.Kind) && f.ConversationId is not null).Select(f => f.ConversationId!.Value).Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var row in await context.ReportConversationTags.Where(t => ids.Contains(t.ConversationId)).ToListAsync(cancellationToken))
        {
            _tags[(row.ConversationId, row.Tag)] = row;
        }
    }

    public void Apply(Guid conversation, ReportEventRecord fact)
    {
        if (fact.Detail is not { } tag)
        {
            return;
        }

        var key = (conversation, tag);
        if (fact.Kind == Kinds.TagAdded && !_tags.ContainsKey(key))
        {
            var row = new ReportConversationTagRecord { ConversationId = conversation, Tag = tag };
            context.ReportConversationTags.Add(row);
            _tags[key] = row;
        }
        else if (fact.Kind == Kinds.TagRemoved && _tags.Remove(key, out var row))
        {
            context.ReportConversationTags.Remove(row);
        }
    }
}
