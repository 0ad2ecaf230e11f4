using System.Collections.Concurrent;

namespace Parley.Server.Conversations;

/// <summary>
/// The chats whose customer waits too long for a reply, as <see cref="InactivityWatch"/> last found them (derived from
/// the open chats' times at each scan, not kept otherwise). The supervisors' board reads it and redraws on <see cref="Changed"/>.
/// </summary>
public sealed class OverdueReplies
{
    private readonly ConcurrentDictionary<Guid, OverdueReply> _overdue = new();

    /// <summary>Raised after a scan changed the set; handlers must be short and not throw.</summary>
    public event Action? Changed;

    public IReadOnlyList<OverdueReply> All => [.. _overdue.Values.OrderBy(r => r.WaitingSince)];

    public OverdueReply? Find(Guid conversationId) => _overdue.GetValueOrDefault(conversationId);

    /// <summary>Replaces the set with a scan's; answers the entries that went away and the new or changed ones.</summary>
    internal (IReadOnlyList<OverdueReply> Gone, IReadOnlyList<OverdueReply> New) Replace(IReadOnlyCollection<OverdueReply> now)
    {
        var current = now.ToDictionary(r => r.ConversationId);
        var gone = _overdue.Values.Where(r => !current.TryGetValue(r.ConversationId, out var n) || n.Agent != r.Agent).ToList();
        var added = now.Where(r => !_overdue.TryGetValue(r.ConversationId, out var before) || before != r).ToList();
        foreach (var r in gone.Where(r => !current.ContainsKey(r.ConversationId)))
        {
            _overdue.TryRemove(r.ConversationId, out _);
        }

        foreach (var r in added)
        {
            _overdue[r.ConversationId] = r;
        }

        if (gone.Count > 0 || added.Count > 0)
        {
            Changed?.Invoke();
        }

        return (gone, added);
    }
}
