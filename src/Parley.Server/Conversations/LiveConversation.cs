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

    // The workflow's clocks (InactivityRules), as UTC ticks (0: none), set as messages are appended: no read, no lock.
    private readonly long _heldSince;
    private long _lastCustomerAt;
    private long _lastAgentAt;
    private long _warnedFor;

    /// <param name="heldSince">
    /// When memory began to follow the chat (its start, or the load after a restart): silences count from then at the
    /// earliest, as earlier messages' times are not read back.
    /// </param>
    public LiveConversation(ConversationRecord conversation, long lastSeq, IEnumerable<string> clientMessageIds, DateTimeOffset heldSince = default)
    {
        _conversation = conversation;
        _lastSeq = lastSeq;
        _heldSince = heldSince.UtcTicks;
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
        if (message.Sender == MessageSender.Customer)
        {
            Interlocked.Exchange(ref _lastCustomerAt, message.SentAt.UtcTicks);
        }
        else if (message.Sender == MessageSender.Agent)
        {
            Interlocked.Exchange(ref _lastAgentAt, message.SentAt.UtcTicks);
        }

        if (message.ClientMessageId is { } id)
        {
            (_clientMessageIds ??= new(StringComparer.Ordinal)).Add(id);
        }
    }

    /// <summary>What the workflow's inactivity rules read of the chat now.</summary>
    public ChatTimes Times
    {
        get
        {
            var c = _conversation;
            return new(
                c.State == ConversationState.Assigned ? c.AssignedAt : null,
                new DateTimeOffset(_heldSince, TimeSpan.Zero),
                At(Interlocked.Read(ref _lastCustomerAt)),
                At(Interlocked.Read(ref _lastAgentAt)),
                At(Interlocked.Read(ref _warnedFor)));
        }
    }

    /// <summary>The customer was warned about the silence that began at <paramref name="silentSince"/> (once per silence).</summary>
    public void Warned(DateTimeOffset silentSince) => Interlocked.Exchange(ref _warnedFor, silentSince.UtcTicks);

    private static DateTimeOffset? At(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    /// <summary>The row's new version was committed (under the lock).</summary>
    public void Stored(ConversationRecord conversation) => _conversation = conversation;
}
