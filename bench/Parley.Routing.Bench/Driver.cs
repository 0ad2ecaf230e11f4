using System.Diagnostics;

namespace Parley.Routing.Bench;

/// <summary>A chat went to an agent.</summary>
public readonly record struct Assignment(string AgentId, Guid ChatId, string Queue);

/// <summary>A router under test: the engine, or the naive baseline. Offers are accepted at once.</summary>
public interface IRouter
{
    /// <summary>Defines the queues and agents, restores the held chats, makes everyone Available and enqueues the waiting chats.</summary>
    void Build(World world);

    /// <summary>The chat ended; any chat that went to an agent as a consequence is added to <paramref name="assignments"/>.</summary>
    void EndChat(Guid chatId, DateTimeOffset now, List<Assignment> assignments);

    /// <summary>A chat arrives; if it went to an agent, that is added to <paramref name="assignments"/>.</summary>
    void Enqueue(ChatSpec chat, DateTimeOffset now, List<Assignment> assignments);

    int WaitingCount { get; }
}

/// <summary>
/// Drives a router through the same seeded sequence of operations, whichever router it is, and keeps track of
/// which chats each agent holds.
/// </summary>
public sealed class Driver
{
    /// <summary>Simulated time between two operations.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    private readonly World _world;
    private readonly Random _random;
    private readonly List<Guid>[] _held;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<Assignment> _assignments = [];

    public Driver(World world, IRouter router)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(router);
        _world = world;
        Router = router;
        _random = new Random(world.Size.Seed + 1);
        _held = new List<Guid>[world.Agents.Length];
        for (var i = 0; i < world.Agents.Length; i++)
        {
            _index.Add(world.Agents[i].Username, i);
            _held[i] = [.. world.Assigned[i].Select(c => c.Id)];
        }

        router.Build(world);
        Now = World.Start;
    }

    public IRouter Router { get; }
    public DateTimeOffset Now { get; private set; }

    /// <summary>Operations that assigned nothing (the freed agent had no eligible chat and the new chat no ready agent).</summary>
    public long Idle { get; private set; }

    /// <summary>
    /// The time the last <see cref="FreedAgent"/> spent on the assignment itself (the chat ends, the freed agent is
    /// offered the best waiting chat and accepts), without the replacement chat's arrival.
    /// </summary>
    public long LastAssignmentTicks { get; private set; }

    /// <summary>Called for every assignment, in order (to compare routers).</summary>
    public Action<Assignment>? Observe { get; set; }

    /// <summary>
    /// One assignment on the freed-agent path: a random busy agent's oldest chat ends, the agent takes the best chat
    /// of their queues (offer, accept), and a new chat arrives in the queue that chat came from (arrival path, usually
    /// no ready agent), so the waiting pool keeps its size.
    /// </summary>
    public int FreedAgent()
    {
        Now += Step;
        int agent;
        do
        {
            agent = _random.Next(_held.Length);
        }
        while (_held[agent].Count == 0);

        var ended = _held[agent][0];
        _held[agent].RemoveAt(0);
        _assignments.Clear();
        var start = Stopwatch.GetTimestamp();
        Router.EndChat(ended, Now, _assignments);
        LastAssignmentTicks = Stopwatch.GetTimestamp() - start;
        var memberships = _world.Agents[agent].Queues;
        var queue = _assignments.Count > 0 ? _assignments[0].Queue : memberships[_random.Next(memberships.Count)].Queue;
        Router.Enqueue(_world.NewChat(queue, Now, World.RandomAnswers(_random)), Now, _assignments);
        return Record();
    }

    /// <summary>
    /// One assignment on the arrival path: a chat arrives in a random queue and goes to the best ready agent (offer,
    /// accept); that agent's oldest chat then ends, so every agent keeps one free slot.
    /// </summary>
    public int Arrival()
    {
        Now += Step;
        var queue = _world.Queues[_random.Next(_world.Queues.Length)].Name;
        _assignments.Clear();
        Router.Enqueue(_world.NewChat(queue, Now, World.RandomAnswers(_random)), Now, _assignments);
        if (_assignments.Count > 0)
        {
            var agent = _index[_assignments[0].AgentId];
            var ended = _held[agent][0];
            _held[agent].RemoveAt(0);
            Router.EndChat(ended, Now, _assignments);
        }

        return Record();
    }

    private int Record()
    {
        foreach (var assignment in _assignments)
        {
            _held[_index[assignment.AgentId]].Add(assignment.ChatId);
            Observe?.Invoke(assignment);
        }

        if (_assignments.Count == 0)
        {
            Idle++;
        }

        return _assignments.Count;
    }
}

/// <summary>The routing engine behind <see cref="IRouter"/>: every offer is accepted at once.</summary>
public sealed class EngineRouter : IRouter
{
    private long _offers;

    public RoutingEngine Engine { get; private set; } = null!;

    public int WaitingCount { get; private set; }

    public void Build(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        Engine = new RoutingEngine(new RoutingOptions(), () => new Guid((int)(++_offers >> 32), (short)(_offers >> 16), (short)_offers, 0, 0, 0, 0, 0, 0, 0, 2));
        var now = World.Start;
        foreach (var queue in world.Queues)
        {
            Check(Engine.DefineQueue(queue, now));
        }

        foreach (var agent in world.Agents)
        {
            Check(Engine.DefineAgent(agent, now));
        }

        for (var i = 0; i < world.Agents.Length; i++)
        {
            foreach (var chat in world.Assigned[i])
            {
                Check(Engine.Restore(chat.ToRequest(), world.Agents[i].Username, chat.EnteredAt + TimeSpan.FromMinutes(1), now));
            }
        }

        foreach (var agent in world.Agents)
        {
            Check(Engine.SetPresence(agent.Username, AgentPresence.Available, null, now));
        }

        var scratch = new List<Assignment>();
        foreach (var chat in world.Waiting)
        {
            Enqueue(chat, now, scratch);
        }

        if (scratch.Count > 0)
        {
            throw new InvalidOperationException("The world is built with every agent busy: no waiting chat may be assigned.");
        }
    }

    public void EndChat(Guid chatId, DateTimeOffset now, List<Assignment> assignments) => Accept(Engine.End(chatId, now), now, assignments);

    public void Enqueue(ChatSpec chat, DateTimeOffset now, List<Assignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(chat);
        WaitingCount++;
        Accept(Engine.Enqueue(chat.ToRequest(), now), now, assignments);
    }

    private void Accept(RoutingOutcome outcome, DateTimeOffset now, List<Assignment> assignments)
    {
        Check(outcome);
        foreach (var e in outcome.Events)
        {
            if (e is OfferCreated offer)
            {
                var accepted = Engine.Accept(offer.OfferId, offer.Username, now);
                WaitingCount--;
                assignments.Add(new Assignment(offer.Username, offer.ConversationId, offer.Queue));
                Accept(accepted, now, assignments);
            }
        }
    }

    private static void Check(RoutingOutcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"The engine refused a command: {outcome.Error}.");
        }
    }
}
