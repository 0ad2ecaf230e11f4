using Parley.Routing.Estimation;

namespace Parley.Routing;

internal sealed class QueueState
{
    private static readonly IComparer<int> Descending = Comparer<int>.Create((a, b) => b.CompareTo(a));

    public QueueState(QueueSettings settings, int handleTimeSamples)
    {
        Settings = settings;
        Ready = new SortedSet<AgentState>(new ReadyOrder(this));
        HandleTimes = new HandleTimeWindow(handleTimeSamples);
    }

    public QueueSettings Settings { get; set; }
    public string Name => Settings.Name;

    /// <summary>Agents with a membership of this queue.</summary>
    public HashSet<AgentState> Members { get; } = [];

    /// <summary>Members who can take an offer now, in the order the strategy prefers them.</summary>
    public SortedSet<AgentState> Ready { get; private set; }

    /// <summary>Waiting chats (offered ones keep their place) by priority, highest first, each first in first out.</summary>
    public SortedDictionary<int, SortedSet<ConversationState>> Buckets { get; } = new(Descending);

    public int WaitingCount { get; private set; }

    public HandleTimeWindow HandleTimes { get; }

    /// <summary>Positions or estimates may have changed since the host last asked.</summary>
    public bool Changed { get; set; }

    /// <summary>Rebuilds the ready set after the strategy changed (its order depends on it).</summary>
    public void ResetReadyOrder(IEnumerable<AgentState> ready) => Ready = new SortedSet<AgentState>(ready, new ReadyOrder(this));

    public void Add(ConversationState conversation)
    {
        if (!Buckets.TryGetValue(conversation.Priority, out var bucket))
        {
            bucket = new SortedSet<ConversationState>(FirstInFirstOut.Instance);
            Buckets.Add(conversation.Priority, bucket);
        }

        if (bucket.Add(conversation))
        {
            WaitingCount++;
            Changed = true;
        }
    }

    public void Remove(ConversationState conversation)
    {
        if (Buckets.TryGetValue(conversation.Priority, out var bucket) && bucket.Remove(conversation))
        {
            WaitingCount--;
            Changed = true;
            if (bucket.Count == 0)
            {
                Buckets.Remove(conversation.Priority);
            }
        }
    }

    public int EffectivePriority(ConversationState conversation, DateTimeOffset now) =>
        conversation.Priority + Aging(conversation.EnteredAt, now);

    public int Aging(DateTimeOffset enteredAt, DateTimeOffset now) =>
        Settings.PriorityAgingInterval is { Ticks: > 0 } interval && now > enteredAt
            ? (int)Math.Min(int.MaxValue / 2, (now - enteredAt).Ticks / interval.Ticks)
            : 0;

    /// <summary>All waiting chats in queue order: effective priority, then entry time, then arrival.</summary>
    public List<ConversationState> InOrder(DateTimeOffset now)
    {
        var all = new List<ConversationState>(WaitingCount);
        foreach (var bucket in Buckets.Values)
        {
            all.AddRange(bucket);
        }

        if (Buckets.Count > 1 || Settings.PriorityAgingInterval is not null)
        {
            all.Sort((a, b) => Rank(a, b, now));
        }

        return all;
    }

    /// <summary>Negative when <paramref name="a"/> goes before <paramref name="b"/>.</summary>
    public int Rank(ConversationState a, ConversationState b, DateTimeOffset now)
    {
        var byPriority = EffectivePriority(b, now).CompareTo(EffectivePriority(a, now));
        return byPriority != 0 ? byPriority : FirstInFirstOut.Instance.Compare(a, b);
    }

    private sealed class FirstInFirstOut : IComparer<ConversationState>
    {
        public static readonly FirstInFirstOut Instance = new();

        public int Compare(ConversationState? x, ConversationState? y)
        {
            var byTime = x!.EnteredAt.CompareTo(y!.EnteredAt);
            return byTime != 0 ? byTime : x.Arrival.CompareTo(y.Arrival);
        }
    }

    /// <summary>Primary members before backups, then the strategy's order, then the id (deterministic).</summary>
    private sealed class ReadyOrder(QueueState queue) : IComparer<AgentState>
    {
        public int Compare(AgentState? x, AgentState? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            var c = x!.Levels[queue.Name].CompareTo(y!.Levels[queue.Name]);
            if (c == 0 && queue.Settings.Strategy == RoutingStrategy.LeastOccupied)
            {
                c = x.Load.CompareTo(y.Load);
            }

            if (c == 0)
            {
                c = x.IdleSince.CompareTo(y.IdleSince);
            }

            return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
        }
    }
}
