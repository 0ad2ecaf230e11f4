namespace Parley.Routing;

internal sealed class AgentState
{
    public AgentState(AgentProfile profile) => SetProfile(profile);

    private int _hash;

    public AgentProfile Profile { get; private set; } = null!;

    /// <summary>The queues of <see cref="Memberships"/> that exist, resolved once (hot path: every change re-indexes them).</summary>
    public List<QueueState> QueueStates { get; } = [];
    public string Id => Profile.Username;

    /// <summary>The agent's memberships, primary queues first: the order in which they look for a chat.</summary>
    public QueueMembership[] Memberships { get; private set; } = [];

    /// <summary>Queue → membership priority (1 = primary).</summary>
    public Dictionary<string, int> Levels { get; } = new(StringComparer.Ordinal);

    public AgentPresence Presence { get; set; } = AgentPresence.Offline;
    public string? Reason { get; set; }
    public SortedSet<string> External { get; } = new(StringComparer.Ordinal);
    public DateTimeOffset? WrapUpUntil { get; set; }
    public HashSet<Guid> Conversations { get; } = [];
    public HashSet<Guid> Offers { get; } = [];

    /// <summary>When the agent last became ready or last got a chat; the smallest value is the longest idle.</summary>
    public DateTimeOffset IdleSince { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Whether the agent sits in the ready sets of their queues (its sort keys must not change meanwhile).</summary>
    public bool Indexed { get; set; }

    /// <summary>The last state reported to the host, to report only changes.</summary>
    public AgentSnapshot? Reported { get; set; }

    public int Load => Conversations.Count + Offers.Count;

    /// <summary>Could take an offer if they had room: available, not externally busy, not in wrap-up.</summary>
    public bool Routable => Presence == AgentPresence.Available && External.Count == 0 && WrapUpUntil is null;

    public bool Ready => Routable && Load < Profile.Capacity;

    /// <summary>Counted in a queue's serving capacity for the wait estimate: signed in and taking chats.</summary>
    public bool Staffed => Presence == AgentPresence.Available && External.Count == 0;

    public AgentStatus Status => Presence switch
    {
        AgentPresence.Offline => AgentStatus.Offline,
        AgentPresence.Away => AgentStatus.Away,
        AgentPresence.DoNotDisturb => AgentStatus.DoNotDisturb,
        _ when External.Count > 0 => AgentStatus.ExternalBusy,
        _ when WrapUpUntil is not null => AgentStatus.WrapUp,
        _ when Load >= Profile.Capacity => AgentStatus.Busy,
        _ => AgentStatus.Ready,
    };

    public void SetProfile(AgentProfile profile)
    {
        Profile = profile;
        _hash = StringComparer.Ordinal.GetHashCode(profile.Username);
        Levels.Clear();
        foreach (var membership in profile.Queues)
        {
            // A queue listed twice keeps its best priority.
            Levels[membership.Queue] = Levels.TryGetValue(membership.Queue, out var level) ? Math.Min(level, membership.Priority) : membership.Priority;
        }

        Memberships = [.. Levels.Select(l => new QueueMembership(l.Key, l.Value))
            .OrderBy(m => m.Priority).ThenBy(m => m.Queue, StringComparer.Ordinal)];
    }

    // Agents sit in hash sets (dirty, touched, members) on every command: a stored hash is far cheaper than the
    // runtime's identity hash. Equality stays reference equality.
    public override int GetHashCode() => _hash;

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public int SkillLevel(string skill) => Profile.Skills.TryGetValue(skill, out var level) ? level : 0;

    public bool Meets(IReadOnlyList<SkillRequirement> requirements)
    {
        foreach (var requirement in requirements)
        {
            if (SkillLevel(requirement.Skill) < requirement.MinimumLevel)
            {
                return false;
            }
        }

        return true;
    }

    public AgentSnapshot Snapshot()
    {
        if (_external is null || _external.Length != External.Count || !_external.SequenceEqual(External, StringComparer.Ordinal))
        {
            _external = External.Count == 0 ? [] : [.. External];
        }

        return new(Id, Presence, Reason, Status, Conversations.Count, Offers.Count, Profile.Capacity, WrapUpUntil,
            _external, IdleSince, Profile.Skills, Memberships);
    }

    private string[]? _external;

    /// <summary>Whether two snapshots show the same state (load, presence, automatic states).</summary>
    public static bool SameState(AgentSnapshot a, AgentSnapshot b) =>
        a.Presence == b.Presence && a.Reason == b.Reason && a.Status == b.Status
        && a.ActiveConversations == b.ActiveConversations && a.PendingOffers == b.PendingOffers
        && a.Capacity == b.Capacity && a.WrapUpUntil == b.WrapUpUntil
        && (ReferenceEquals(a.ExternalBusy, b.ExternalBusy) || a.ExternalBusy.SequenceEqual(b.ExternalBusy, StringComparer.Ordinal))
        && ReferenceEquals(a.Skills, b.Skills) && ReferenceEquals(a.Queues, b.Queues);
}
