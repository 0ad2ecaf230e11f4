using Parley.Server.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Conversations;

/// <summary>
/// What the core needs of one conversation on every message, in memory: its row, its last seq and the
/// clientMessageIds used in it. Changed only under the conversation's lock (<see cref="ConversationLocks"/>); the row
/// is replaced, never changed, so a reader without the lock sees one whole version of it.
/// </summary>
public sealed class LiveConversation
{
    private volatile ConversationRecord _conversation;
    private long _lastSeq;

    /// <summary>Null while no message of the conversation has a clientMessageId (most of a quiet chat's life).</summary>
    private HashSet<string>? _clientMessageIds;

    public LiveConversation(ConversationRecord conversation, long lastSeq, IEnumerable<string> clientMessageIds)
    {
        _conversation = conversation;
        _lastSeq = lastSeq;
        foreach (var id in clientMessageIds)
        {
            (_clientMessageIds ??= new(StringComparer.Ordinal)).Add(id);
        }
    }

    /// <summary>The row as last stored. Never change it: <see cref="Stored"/> replaces it.</summary>
    public ConversationRecord Conversation => _conversation;

    public long LastSeq => Interlocked.Read(ref _lastSeq);

    public bool IsOpen => _conversation.State != ConversationState.Ended;

    /// <summary>Whether a message with this clientMessageId may already be stored (an ended conversation keeps no list: maybe).</summary>
    public bool MayHave(string clientMessageId) => !IsOpen || (_clientMessageIds?.Contains(clientMessageId) ?? false);

    /// <summary>The message was committed (under the lock): the next one follows it.</summary>
    public void Appended(MessageRecord message)
    {
        Interlocked.Exchange(ref _lastSeq, message.Seq);
        if (message.ClientMessageId is { } id)
        {
            (_clientMessageIds ??= new(StringComparer.Ordinal)).Add(id);
        }
    }

    /// <summary>The row's new version was committed (under the lock).</summary>
    public void Stored(ConversationRecord conversation) => _conversation = conversation;
}
