namespace Parley.Routing;

// The engine's mutable state. Internal: the host only sees commands, events and snapshots.

internal sealed class QueueState(QueueSettings settings)
{
    public QueueSettings Settings { get; set; } = settings;
}

internal sealed class AgentState(AgentProfile profile)
{
    public AgentProfile Profile { get; set; } = profile;
    public AgentPresence Presence { get; set; } = AgentPresence.Offline;
    public HashSet<Guid> Conversations { get; } = [];
    public HashSet<Guid> Offers { get; } = [];

    /// <summary>When the agent last became available or last got a chat; the smallest value is the longest idle.</summary>
    public DateTimeOffset IdleSince { get; set; } = DateTimeOffset.MinValue;

    public int Load => Conversations.Count + Offers.Count;

    public bool IsMemberOf(string queue) => Profile.Queues.Contains(queue, StringComparer.Ordinal);
}

internal enum ConversationStage
{
    Waiting,
    Offered,
    Assigned,
}

internal sealed class ConversationState(Guid id, string queue, DateTimeOffset enteredAt, long arrival)
{
    public Guid Id { get; } = id;
    public string Queue { get; } = queue;
    public DateTimeOffset EnteredAt { get; } = enteredAt;

    /// <summary>Breaks ties between chats that entered at the same instant, in arrival order.</summary>
    public long Arrival { get; } = arrival;

    public ConversationStage Stage { get; set; } = ConversationStage.Waiting;
    public Guid? OfferId { get; set; }
    public string? AgentId { get; set; }
    public int? LastPosition { get; set; }

    /// <summary>Agents who declined or missed this chat, and until when they are passed over for it.</summary>
    public Dictionary<string, DateTimeOffset> PassedOverUntil { get; } = new(StringComparer.Ordinal);
}

internal sealed record OfferState(Guid Id, Guid ConversationId, string AgentId, DateTimeOffset OfferedAt, DateTimeOffset ExpiresAt);
