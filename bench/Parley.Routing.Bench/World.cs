namespace Parley.Routing.Bench;

/// <summary>The size of a generated contact center.</summary>
/// <param name="HeldChats">How many chats each agent holds at the start (capacity is 3: 3 = all busy, 2 = all ready).</param>
public sealed record WorldSize(int Agents, int Queues, int Skills, int WaitingChats, int HeldChats = 3, int Seed = 20_251_123)
{
    /// <summary>The size the issue asks for: 10,000 agents (all busy), 500 queues, 20 skills, 100,000 waiting chats.</summary>
    public static readonly WorldSize Issue = new(10_000, 500, 20, 100_000);

    /// <summary>The arrival path: the same agents and queues, every agent with one free slot, no chat waiting.</summary>
    public static readonly WorldSize AllReady = Issue with { WaitingChats = 0, HeldChats = 2 };

    public override string ToString() => $"{Agents:N0} agents, {Queues} queues, {Skills} skills, {WaitingChats:N0} waiting chats, {HeldChats} chats held per agent";
}

/// <summary>A chat of the generated world: which queue, when it entered, its pre-chat answers.</summary>
public sealed record ChatSpec(Guid Id, string Queue, DateTimeOffset EnteredAt, IReadOnlyDictionary<string, string> Answers)
{
    public ConversationRequest ToRequest() => new(Id, Queue, EnteredAt) { Answers = Answers };
}

/// <summary>
/// A deterministic (seeded) contact center: queues with mixed strategies, skill rules and aging; agents with a few
/// skills and three memberships (mixed priorities), each holding <see cref="AgentProfile.DefaultCapacity"/> chats;
/// and a pool of waiting chats spread over the queues, some with answers that add skill requirements.
/// </summary>
public sealed class World
{
    public const string TierQuestion = "tier";
    public const string UrgentQuestion = "urgent";
    public const string ExpertQuestion = "expert";

    /// <summary>The instant the world is built; the waiting chats entered up to 30 minutes before.</summary>
    public static readonly DateTimeOffset Start = new(2025, 11, 3, 9, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyDictionary<string, string> NoAnswers = new Dictionary<string, string>(StringComparer.Ordinal);
    private long _nextChat;

    public World(WorldSize size)
    {
        Size = size;
        var random = new Random(size.Seed);
        Skills = [.. Enumerable.Range(0, size.Skills).Select(i => $"skill{i:D2}")];
        Queues = [.. Enumerable.Range(0, size.Queues).Select(MakeQueue)];
        Agents = new AgentProfile[size.Agents];
        Assigned = new ChatSpec[size.Agents][];
        for (var i = 0; i < size.Agents; i++)
        {
            Agents[i] = MakeAgent(i, random);
            Assigned[i] = [.. Enumerable.Range(0, size.HeldChats).Select(k =>
                NewChat(Agents[i].Queues[k % Agents[i].Queues.Count].Queue, Start - TimeSpan.FromMinutes(5 + random.Next(30)), NoAnswers))];
        }

        Waiting = new ChatSpec[size.WaitingChats];
        for (var i = 0; i < size.WaitingChats; i++)
        {
            var queue = Queues[random.Next(Queues.Length)].Name;
            Waiting[i] = NewChat(queue, Start - TimeSpan.FromMilliseconds(random.Next(30 * 60 * 1000)), RandomAnswers(random));
        }
    }

    public WorldSize Size { get; }
    public string[] Skills { get; }
    public QueueSettings[] Queues { get; }
    public AgentProfile[] Agents { get; }

    /// <summary>The chats each agent holds when the run starts (restored assignments).</summary>
    public ChatSpec[][] Assigned { get; }

    /// <summary>The waiting chats, in the order they are enqueued.</summary>
    public ChatSpec[] Waiting { get; }

    /// <summary>A new chat with a deterministic id (ids only ever grow, so every world sees the same ids).</summary>
    public ChatSpec NewChat(string queue, DateTimeOffset enteredAt, IReadOnlyDictionary<string, string> answers)
    {
        var n = _nextChat++;
        return new ChatSpec(new Guid((int)(n >> 32), (short)(n >> 16), (short)n, 0, 0, 0, 0, 0, 0, 0, 1), queue, enteredAt, answers);
    }

    /// <summary>Pre-chat answers: a quarter of the chats are gold tier (priority and a higher skill level), a few urgent or expert.</summary>
    public static IReadOnlyDictionary<string, string> RandomAnswers(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var roll = random.Next(100);
        return roll switch
        {
            < 25 => new Dictionary<string, string>(StringComparer.Ordinal) { [TierQuestion] = "gold" },
            < 30 => new Dictionary<string, string>(StringComparer.Ordinal) { [UrgentQuestion] = "yes" },
            < 35 => new Dictionary<string, string>(StringComparer.Ordinal) { [ExpertQuestion] = "yes" },
            _ => NoAnswers,
        };
    }

    /// <summary>The queue's own skill: every member of the queue has it at some level.</summary>
    public string HomeSkill(int queue) => Skills[queue % Skills.Length];

    private QueueSettings MakeQueue(int i)
    {
        var home = HomeSkill(i);
        return new QueueSettings($"q{i:D3}")
        {
            Strategy = (RoutingStrategy)(i % 3),
            Priority = i % 4 == 0 ? 1 : 0,
            RequiredSkills = i % 3 == 0 ? [new SkillRequirement(home, 2)] : [],
            AnswerRules =
            [
                new AnswerRule(TierQuestion, "gold", new SkillRequirement(home, 6), Priority: 5),
                new AnswerRule(UrgentQuestion, "yes", Priority: 8),
                new AnswerRule(ExpertQuestion, "yes", new SkillRequirement(home, 9)),
            ],
            PriorityAgingInterval = i % 5 == 0 ? TimeSpan.FromMinutes(2) : null,
        };
    }

    private AgentProfile MakeAgent(int i, Random random)
    {
        var queues = new List<int>(3);
        while (queues.Count < 3)
        {
            var q = random.Next(Size.Queues);
            if (!queues.Contains(q))
            {
                queues.Add(q);
            }
        }

        var skills = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var q in queues)
        {
            var level = random.Next(1, 11);
            skills[HomeSkill(q)] = skills.TryGetValue(HomeSkill(q), out var had) ? Math.Max(had, level) : level;
        }

        for (var extra = random.Next(1, 3); extra > 0; extra--)
        {
            skills.TryAdd(Skills[random.Next(Skills.Length)], random.Next(1, 11));
        }

        QueueMembership[] memberships =
        [
            new(Queues[queues[0]].Name, 1),
            new(Queues[queues[1]].Name, random.Next(1, 3)),
            new(Queues[queues[2]].Name, random.Next(2, 4)),
        ];
        return new AgentProfile($"a{i:D5}") { Skills = skills, Queues = memberships };
    }
}
