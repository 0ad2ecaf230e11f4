namespace Parley.Routing;

/// <summary>A conversation while routing holds it: queued, offered or assigned.</summary>
internal sealed class RoutedConversation(ConversationRequest request, long arrival)
{
    public Guid Id { get; } = request.ConversationId;
    public DateTimeOffset EnteredAt { get; } = request.EnteredAt;

    /// <summary>Breaks ties between chats that entered at the same instant, in arrival order.</summary>
    public long Arrival { get; } = arrival;

    public IReadOnlyDictionary<string, string> Answers { get; } = request.Answers;

    public string Queue { get; set; } = request.Queue;

    /// <summary>When the chat entered its current queue: overflow, relaxation and maximum wait count from here.</summary>
    public DateTimeOffset QueueEnteredAt { get; set; }

    /// <summary>The priority from the queue or a pre-chat answer, before aging.</summary>
    public int Priority { get; set; }

    /// <summary>Requirements from the queue and the answers, before relaxation.</summary>
    public IReadOnlyList<SkillRequirement> BaseRequirements { get; set; } = [];

    /// <summary>Requirements after the relaxation steps that are due.</summary>
    public IReadOnlyList<SkillRequirement> Requirements { get; set; } = [];

    public int RelaxedSteps { get; set; }

    public ConversationStage Stage { get; set; } = ConversationStage.Queued;
    public Guid? OfferId { get; set; }
    public string? Username { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }

    /// <summary>The open transfer-to-agent offer of an assigned chat.</summary>
    public Guid? TransferOfferId { get; set; }

    /// <summary>Agents who declined, missed or transferred this chat away, and until when they are passed over.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> PassedOver => _passedOver ?? NobodyPassedOver;

    // Most chats are never declined: the dictionary is made on the first pass-over (less memory per waiting chat).
    private static readonly Dictionary<string, DateTimeOffset> NobodyPassedOver = new(StringComparer.Ordinal);
    private Dictionary<string, DateTimeOffset>? _passedOver;

    public void PassOver(string username, DateTimeOffset until) => (_passedOver ??= new(StringComparer.Ordinal))[username] = until;

    public void EndPassOver(string username) => _passedOver?.Remove(username);

    /// <summary>Affinity: only this agent may get the chat until <see cref="ReservedUntil"/>.</summary>
    public string? ReservedFor { get; set; }
    public DateTimeOffset? ReservedUntil { get; set; }

    /// <summary>The next time something about this chat is due (its scheduled timer); stale timers are skipped.</summary>
    public DateTimeOffset? Wake { get; set; }

    /// <summary>The lane of its queue the chat waits in (null when not waiting in a queue).</summary>
    public QueueState.Lane? Lane { get; set; }

    public bool InQueue => Stage != ConversationStage.Assigned;

    // Chats sit in the dirty set on every arrival: a stored hash is far cheaper than the runtime's identity hash.
    public override int GetHashCode() => Arrival.GetHashCode();

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);
}
