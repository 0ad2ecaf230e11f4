namespace Parley.Routing.Tests.Examples;

/// <summary>
/// Sets up a routing engine for an example: queues and agents are defined at <see cref="Start"/>, and the agents
/// listed are made Available one second apart in the order given, so the first one listed is the longest idle.
/// Offer ids are deterministic (1, 2, 3… in creation order).
/// </summary>
internal sealed class EngineBuilder
{
    /// <summary>Time zero of every example: Monday 6 January 2025, 09:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    private readonly List<QueueSettings> _queues = [];
    private readonly List<(AgentProfile Profile, bool Available)> _agents = [];
    private RoutingOptions _options = new();

    /// <summary>The time <paramref name="seconds"/> after <see cref="Start"/>.</summary>
    public static DateTimeOffset At(double seconds) => Start.AddSeconds(seconds);

    /// <summary>A readable conversation id: chat 7 is 00000000-0000-0000-0000-000000000007.</summary>
    public static Guid Chat(int number) => Guid.Parse($"00000000-0000-0000-0000-{number:D12}");

    /// <summary>The id of the n-th offer the engine creates (counting from 1).</summary>
    public static Guid OfferNumber(int number) => Guid.Parse($"0ffe0000-0000-0000-0000-{number:D12}");

    /// <summary>A chat entering <paramref name="queue"/> at <paramref name="enteredAt"/> seconds.</summary>
    public static ConversationRequest Request(int chat, string queue, double enteredAt) => new(Chat(chat), queue, At(enteredAt));

    public EngineBuilder WithOptions(RoutingOptions options)
    {
        _options = options;
        return this;
    }

    public EngineBuilder Queue(QueueSettings settings)
    {
        _queues.Add(settings);
        return this;
    }

    public EngineBuilder Queue(string name) => Queue(new QueueSettings(name));

    /// <summary>An Available agent, primary member of <paramref name="queues"/>, with the default capacity and no skills.</summary>
    public EngineBuilder Agent(string id, params string[] queues) =>
        Agent(new AgentProfile(id) { Queues = [.. queues.Select(q => new QueueMembership(q))] });

    public EngineBuilder Agent(AgentProfile profile, bool available = true)
    {
        _agents.Add((profile, available));
        return this;
    }

    /// <summary>
    /// Defines everything at <see cref="Start"/> and makes the available agents Available at Start − n … Start − 1
    /// seconds, in the order listed: the first agent listed is the longest idle. Examples run from <see cref="Start"/> on.
    /// </summary>
    public RoutingEngine Build()
    {
        var offers = 0;
        var engine = new RoutingEngine(_options, () => OfferNumber(++offers));
        var first = Start.AddSeconds(-_agents.Count - 1);
        foreach (var queue in _queues)
        {
            Assert.True(engine.DefineQueue(queue, first).Succeeded, $"queue {queue.Name}");
        }

        var second = 0;
        foreach (var (profile, available) in _agents)
        {
            Assert.True(engine.DefineAgent(profile, first).Succeeded, $"agent {profile.Username}");
            if (available)
            {
                Assert.True(engine.SetPresence(profile.Username, AgentPresence.Available, null, first.AddSeconds(++second)).Succeeded);
            }
        }

        return engine;
    }
}

/// <summary>Short ways to read an outcome's events and the engine's state in assertions.</summary>
internal static class ExampleExtensions
{
    public static IReadOnlyList<T> All<T>(this RoutingOutcome outcome) where T : RoutingEvent => [.. outcome.Events.OfType<T>()];

    public static T Single<T>(this RoutingOutcome outcome) where T : RoutingEvent => Assert.Single(outcome.Events.OfType<T>());

    public static void None<T>(this RoutingOutcome outcome) where T : RoutingEvent => Assert.Empty(outcome.Events.OfType<T>());

    /// <summary>The agent's one open offer.</summary>
    public static OfferSnapshot OfferOf(this RoutingEngine engine, string username) => Assert.Single(engine.GetOffers(username));

    public static AgentSnapshot Agent(this RoutingEngine engine, string username) =>
        engine.GetAgent(username) ?? throw new InvalidOperationException($"no agent {username}");

    public static ConversationSnapshot Conversation(this RoutingEngine engine, int chat, DateTimeOffset now) =>
        engine.GetConversation(EngineBuilder.Chat(chat), now) ?? throw new InvalidOperationException($"no chat {chat}");

    /// <summary>Enqueues a chat and asserts the engine took it.</summary>
    public static RoutingOutcome Enter(this RoutingEngine engine, ConversationRequest request, DateTimeOffset now)
    {
        var outcome = engine.Enqueue(request, now);
        Assert.True(outcome.Succeeded, $"enqueue refused: {outcome.Error}");
        return outcome;
    }

    /// <summary>Offers the chat (enqueues it) and has <paramref name="username"/> accept it at the same instant.</summary>
    public static void GiveChat(this RoutingEngine engine, ConversationRequest request, string username, DateTimeOffset now)
    {
        var offer = engine.Enter(request, now).Single<OfferCreated>();
        Assert.Equal(username, offer.Username);
        Assert.True(engine.Accept(offer.OfferId, username, now).Succeeded);
    }

    /// <summary>Accepts the agent's one open offer.</summary>
    public static RoutingOutcome AcceptOffer(this RoutingEngine engine, string username, DateTimeOffset now)
    {
        var outcome = engine.Accept(engine.OfferOf(username).OfferId, username, now);
        Assert.True(outcome.Succeeded, $"accept refused: {outcome.Error}");
        return outcome;
    }

    public static RoutingOutcome DeclineOffer(this RoutingEngine engine, string username, DateTimeOffset now)
    {
        var outcome = engine.Decline(engine.OfferOf(username).OfferId, username, now);
        Assert.True(outcome.Succeeded, $"decline refused: {outcome.Error}");
        return outcome;
    }

    public static Guid[] Ids(this IEnumerable<QueueStanding> standings) => [.. standings.Select(s => s.ConversationId)];
}
