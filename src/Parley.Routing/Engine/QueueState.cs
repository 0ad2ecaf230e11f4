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

    public QueueSettings Settings
    {
        get => _settings;
        set
        {
            _settings = value;
            RequiredSkills = Requirements.MergeQueue(value);
        }
    }

    private QueueSettings _settings = null!;

    /// <summary>The queue's own requirements, merged (one per skill): shared by every chat that adds none.</summary>
    public IReadOnlyList<SkillRequirement> RequiredSkills { get; private set; } = [];
    public string Name => Settings.Name;

    /// <summary>Agents with a membership of this queue.</summary>
    public HashSet<AgentState> Members { get; } = [];

    /// <summary>Members who can take an offer now, in the order the strategy prefers them.</summary>
    public SortedSet<AgentState> Ready { get; private set; }

    public int QueuedCount { get; private set; }

    /// <summary>
    /// The waiting chats (offered ones keep their place) by priority, highest first, split into lanes of equal skill
    /// requirements, each first in first out: a ready agent checks a lane's requirements once instead of every chat's,
    /// so chats they lack the skills for cost nothing to pass. Each chat sits in exactly one lane.
    /// </summary>
    private readonly SortedDictionary<int, List<Lane>> _lanes = new(Descending);

    /// <summary>The priorities that have waiting chats, highest first.</summary>
    public SortedDictionary<int, List<Lane>>.KeyCollection Priorities => _lanes.Keys;

    public int PriorityCount => _lanes.Count;

    /// <summary>Every waiting chat, in no particular order.</summary>
    public IEnumerable<RoutedConversation> AllQueued()
    {
        foreach (var lanes in _lanes.Values)
        {
            foreach (var lane in lanes)
            {
                foreach (var chat in lane.Chats)
                {
                    yield return chat;
                }
            }
        }
    }

    /// <summary>The earliest entry time of the waiting chats, if any.</summary>
    public DateTimeOffset? OldestEnteredAt()
    {
        DateTimeOffset? oldest = null;
        foreach (var lanes in _lanes.Values)
        {
            foreach (var lane in lanes)
            {
                var head = lane.Chats.Min!.EnteredAt;
                oldest = oldest is null || head < oldest ? head : oldest;
            }
        }

        return oldest;
    }

    public HandleTimeWindow HandleTimes { get; }

    /// <summary>Positions or estimates may have changed since the host last asked.</summary>
    public bool Changed { get; set; }

    /// <summary>Rebuilds the ready set after the strategy changed (its order depends on it).</summary>
    public void ResetReadyOrder(IEnumerable<AgentState> ready) => Ready = new SortedSet<AgentState>(ready, new ReadyOrder(this));

    public void Add(RoutedConversation conversation)
    {
        if (conversation.Lane is null)
        {
            AddToLane(conversation);
            QueuedCount++;
            Changed = true;
        }
    }

    public void Remove(RoutedConversation conversation)
    {
        if (conversation.Lane is not null)
        {
            RemoveFromLane(conversation);
            QueuedCount--;
            Changed = true;
        }
    }

    /// <summary>The lanes of the waiting chats of one priority.</summary>
    public IReadOnlyList<Lane> LanesOf(int priority) => _lanes.TryGetValue(priority, out var lanes) ? lanes : [];

    /// <summary>A waiting chat's requirements changed (relaxation): it moves to the lane of its new requirements.</summary>
    public void RequirementsChanged(RoutedConversation conversation)
    {
        if (conversation.Lane is not null)
        {
            RemoveFromLane(conversation);
            AddToLane(conversation);
        }
    }

    /// <summary>Whether <paramref name="x"/> entered before <paramref name="y"/> (queue order within one priority).</summary>
    public static bool Before(RoutedConversation x, RoutedConversation y) => FirstInFirstOut.Instance.Compare(x, y) < 0;

    private void AddToLane(RoutedConversation conversation)
    {
        if (!_lanes.TryGetValue(conversation.Priority, out var lanes))
        {
            lanes = [];
            _lanes.Add(conversation.Priority, lanes);
        }

        Lane? lane = null;
        foreach (var candidate in lanes)
        {
            // Chats that add nothing share their queue's list: the reference check settles most of them.
            if (ReferenceEquals(candidate.Requirements, conversation.Requirements) || SameRequirements(candidate.Requirements, conversation.Requirements))
            {
                lane = candidate;
                break;
            }
        }

        if (lane is null)
        {
            lane = new Lane(conversation.Priority, conversation.Requirements);
            lanes.Add(lane);
        }

        lane.Chats.Add(conversation);
        conversation.Lane = lane;
    }

    private static bool SameRequirements(IReadOnlyList<SkillRequirement> a, IReadOnlyList<SkillRequirement> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!a[i].Equals(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private void RemoveFromLane(RoutedConversation conversation)
    {
        if (conversation.Lane is not { } lane)
        {
            return;
        }

        lane.Chats.Remove(conversation);
        conversation.Lane = null;
        if (lane.Chats.Count == 0 && _lanes.TryGetValue(lane.Priority, out var lanes))
        {
            lanes.Remove(lane);
            if (lanes.Count == 0)
            {
                _lanes.Remove(lane.Priority);
            }
        }
    }

    public int EffectivePriority(RoutedConversation conversation, DateTimeOffset now) =>
        conversation.Priority + Aging(conversation.EnteredAt, now);

    public int Aging(DateTimeOffset enteredAt, DateTimeOffset now) =>
        Settings.PriorityAgingInterval is { Ticks: > 0 } interval && now > enteredAt
            ? (int)Math.Min(int.MaxValue / 2, (now - enteredAt).Ticks / interval.Ticks)
            : 0;

    /// <summary>All waiting chats in queue order: effective priority, then entry time, then arrival.</summary>
    public List<RoutedConversation> InOrder(DateTimeOffset now)
    {
        var all = new List<RoutedConversation>(QueuedCount);
        all.AddRange(AllQueued());
        all.Sort((a, b) => Rank(a, b, now));
        return all;
    }

    /// <summary>Negative when <paramref name="a"/> goes before <paramref name="b"/>.</summary>
    public int Rank(RoutedConversation a, RoutedConversation b, DateTimeOffset now)
    {
        var byPriority = EffectivePriority(b, now).CompareTo(EffectivePriority(a, now));
        return byPriority != 0 ? byPriority : FirstInFirstOut.Instance.Compare(a, b);
    }

    /// <summary>Waiting chats of one priority that need the same skills, first in first out.</summary>
    internal sealed class Lane(int priority, IReadOnlyList<SkillRequirement> requirements)
    {
        public int Priority { get; } = priority;
        public IReadOnlyList<SkillRequirement> Requirements { get; } = requirements;
        public SortedSet<RoutedConversation> Chats { get; } = new(FirstInFirstOut.Instance);
    }

    private sealed class FirstInFirstOut : IComparer<RoutedConversation>
    {
        public static readonly FirstInFirstOut Instance = new();

        public int Compare(RoutedConversation? x, RoutedConversation? y)
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
