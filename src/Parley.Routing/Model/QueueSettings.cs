namespace Parley.Routing;

/// <summary>The routing settings of one queue (the seeds' UCC).</summary>
/// <param name="Name">The queue's stable name, as used in the API (<c>support</c>).</param>
public sealed record QueueSettings(string Name)
{
    public static readonly TimeSpan DefaultOfferTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Skills every chat of this queue needs, before pre-chat answers add more.</summary>
    public IReadOnlyList<SkillRequirement> RequiredSkills { get; init; } = [];

    /// <summary>The priority of this queue's chats unless an answer picks another. Higher goes first.</summary>
    public int Priority { get; init; }

    public IReadOnlyList<AnswerRule> AnswerRules { get; init; } = [];

    /// <summary>New chats are refused while this many wait.</summary>
    public int? MaxQueueLength { get; init; }

    /// <summary>A chat that waited this long in the queue leaves routing (the host tells the customer).</summary>
    public TimeSpan? MaxWait { get; init; }

    public OverflowRule? Overflow { get; init; }

    public IReadOnlyList<RelaxationStep> Relaxation { get; init; } = [];

    public TimeSpan OfferTimeout { get; init; } = DefaultOfferTimeout;

    /// <summary>After a chat of this queue closes, its agent gets no offers for this long.</summary>
    public TimeSpan WrapUp { get; init; } = TimeSpan.Zero;

    public RoutingStrategy Strategy { get; init; } = RoutingStrategy.LongestIdle;

    /// <summary>Every full interval a chat waits adds 1 to its priority; null turns aging off.</summary>
    public TimeSpan? PriorityAgingInterval { get; init; }

    /// <summary>Agents of this queue may see its waiting chats and take one.</summary>
    public bool ManualPick { get; init; }

    /// <summary>How long a returning customer's chat waits for the agent who served them last; zero turns affinity off.</summary>
    public TimeSpan AffinityWindow { get; init; } = TimeSpan.Zero;
}
