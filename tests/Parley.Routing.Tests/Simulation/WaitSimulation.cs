namespace Parley.Routing.Tests.Simulation;

/// <summary>How the simulated contact center runs.</summary>
/// <param name="Utilisation">Offered load ÷ chat slots: arrivals × (mean handle time + mean accept delay) ÷ total capacity.</param>
/// <param name="LogNormal">Log-normal handle times (σ = 0.8) instead of exponential ones, same mean.</param>
internal sealed record SimulationConfig(double Utilisation, bool LogNormal = true, double Days = 7, double WarmUpHours = 4, int Seed = 1)
{
    public static readonly TimeSpan MeanHandleTime = TimeSpan.FromMinutes(6);

    /// <summary>Agents accept an offer after 2–8 s.</summary>
    public const double MinAcceptDelay = 2;
    public const double MaxAcceptDelay = 8;
}

/// <summary>The measured accuracy of the wait estimates over the chats that entered after the warm-up.</summary>
/// <param name="MeanWait">Mean actual wait (enqueue → assignment), seconds.</param>
/// <param name="Mae">Mean absolute error of the engine's estimate at enqueue, seconds.</param>
/// <param name="NaiveMae">The same for the naive estimate: position × 4 min ÷ number of agents of the queue.</param>
/// <param name="MeanEstimate">Mean of the engine's estimates, seconds (bias = MeanEstimate − MeanWait).</param>
/// <param name="QueuedShare">Share of chats that were not offered at once.</param>
internal sealed record SimulationResult(SimulationConfig Config, int Chats, double MeanWait, double Mae, double NaiveMae, double MeanEstimate, double QueuedShare, double MeasuredUtilisation)
{
    public double RelativeMae => Mae / MeanWait;
    public double RelativeNaiveMae => NaiveMae / MeanWait;
}

/// <summary>
/// A deterministic discrete-event simulation of a small contact center driving the routing engine: Poisson arrivals
/// into two queues (support, sales), eight agents with capacity 2–3 (two shared by both queues) who accept offers after
/// a short random delay and close chats after random handle times. Time jumps from event to event, the engine's
/// <see cref="RoutingEngine.NextDeadline"/> included; all randomness comes from one seeded <see cref="Random"/>.
/// </summary>
internal sealed class WaitSimulation
{
    private static readonly DateTimeOffset Start = new(2025, 1, 6, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Id, capacity, queues.</summary>
    private static readonly (string Id, int Capacity, string[] Queues)[] Agents =
    [
        ("a0", 3, ["support"]), ("a1", 3, ["support"]), ("a2", 2, ["support"]), ("a3", 2, ["support"]),
        ("a4", 3, ["sales"]), ("a5", 2, ["sales"]),
        ("a6", 3, ["support", "sales"]), ("a7", 2, ["support", "sales"]),
    ];

    /// <summary>Queue and its share of arrivals.</summary>
    private static readonly (string Name, double Share)[] Queues = [("support", 0.6), ("sales", 0.4)];

    private readonly SimulationConfig _config;
    private readonly Random _random;
    private readonly RoutingEngine _engine;
    private readonly PriorityQueue<Action, (DateTimeOffset At, long Order)> _events = new();
    private readonly Dictionary<Guid, Chat> _chats = [];
    private readonly List<Chat> _measured = [];
    private long _order;
    private int _ids;
    private DateTimeOffset _now = Start;
    private double _busySlotSeconds;
    private DateTimeOffset _lastLoadChange = Start;
    private int _load;

    private sealed class Chat(Guid id, string queue, DateTimeOffset enteredAt, TimeSpan? estimate, TimeSpan naive, bool measured)
    {
        public Guid Id { get; } = id;
        public string Queue { get; } = queue;
        public DateTimeOffset EnteredAt { get; } = enteredAt;
        public TimeSpan? Estimate { get; } = estimate;
        public TimeSpan Naive { get; } = naive;
        public bool Measured { get; } = measured;
        public bool OfferedAtOnce { get; set; }
        public DateTimeOffset? AssignedAt { get; set; }
    }

    private WaitSimulation(SimulationConfig config)
    {
        _config = config;
        _random = new Random(config.Seed);
        var offers = 0;
        _engine = new RoutingEngine(new RoutingOptions(), () => Guid.Parse($"0ffe0000-0000-0000-0000-{++offers:D12}"));
    }

    public static SimulationResult Run(SimulationConfig config) => new WaitSimulation(config).Simulate();

    private SimulationResult Simulate()
    {
        foreach (var (name, _) in Queues)
        {
            Require(_engine.DefineQueue(new QueueSettings(name), _now));
        }

        foreach (var (id, capacity, queues) in Agents)
        {
            Require(_engine.DefineAgent(new AgentProfile(id) { Capacity = capacity, Queues = [.. queues.Select(q => new QueueMembership(q))] }, _now));
            Require(_engine.SetPresence(id, AgentPresence.Available, null, _now));
        }

        var slots = Agents.Sum(a => a.Capacity);
        var meanSlotTime = SimulationConfig.MeanHandleTime.TotalSeconds + ((SimulationConfig.MinAcceptDelay + SimulationConfig.MaxAcceptDelay) / 2);
        var arrivalsPerSecond = _config.Utilisation * slots / meanSlotTime;
        var end = Start.AddDays(_config.Days);
        var measureFrom = Start.AddHours(_config.WarmUpHours);
        foreach (var (name, share) in Queues)
        {
            ScheduleArrival(name, arrivalsPerSecond * share);
        }

        while (true)
        {
            _events.TryPeek(out _, out var next);
            if (_engine.NextDeadline() is { } deadline && deadline < next.At)
            {
                SetTime(deadline);
                Handle(_engine.Tick(_now));
                continue;
            }

            if (next.At >= end)
            {
                break;
            }

            var action = _events.Dequeue();
            SetTime(next.At);
            action();
        }

        var done = _measured.Where(c => c.AssignedAt is not null && c.EnteredAt >= measureFrom).ToList();
        var waits = done.Select(c => (c.AssignedAt!.Value - c.EnteredAt).TotalSeconds).ToList();
        var estimates = done.Select(c => c.Estimate?.TotalSeconds ?? 0).ToList();
        var naive = done.Select(c => c.Naive.TotalSeconds).ToList();
        return new SimulationResult(
            _config,
            done.Count,
            waits.Average(),
            waits.Zip(estimates, (w, e) => Math.Abs(w - e)).Average(),
            waits.Zip(naive, (w, e) => Math.Abs(w - e)).Average(),
            estimates.Average(),
            done.Count(c => !c.OfferedAtOnce) / (double)done.Count,
            _busySlotSeconds / (_now - Start).TotalSeconds / slots);

        void ScheduleArrival(string queue, double rate)
        {
            var at = _now.AddSeconds(-Math.Log(1 - _random.NextDouble()) / rate);
            Schedule(at, () =>
            {
                Arrive(queue, measure: _now >= measureFrom);
                ScheduleArrival(queue, rate);
            });
        }
    }

    private void Arrive(string queue, bool measure)
    {
        var id = Guid.Parse($"c0000000-0000-0000-0000-{++_ids:D12}");
        var outcome = _engine.Enqueue(new ConversationRequest(id, queue, _now), _now);
        Require(outcome);
        var standing = _engine.GetStandings(queue, _now).First(s => s.ConversationId == id);
        var agents = Agents.Count(a => a.Queues.Contains(queue));
        var naive = TimeSpan.FromMinutes(4) * standing.Position / agents;
        var chat = new Chat(id, queue, _now, standing.EstimatedWait, naive, measure)
        {
            OfferedAtOnce = outcome.Events.OfType<OfferCreated>().Any(o => o.ConversationId == id),
        };
        _chats.Add(id, chat);
        if (measure)
        {
            _measured.Add(chat);
        }

        Handle(outcome);
    }

    private void Handle(RoutingOutcome outcome)
    {
        foreach (var e in outcome.Events)
        {
            switch (e)
            {
                case OfferCreated offer:
                    var delay = SimulationConfig.MinAcceptDelay + (_random.NextDouble() * (SimulationConfig.MaxAcceptDelay - SimulationConfig.MinAcceptDelay));
                    ChangeLoad(+1);
                    Schedule(_now.AddSeconds(delay), () => Handle(_engine.Accept(offer.OfferId, offer.AgentId, _now)));
                    break;
                case OfferWithdrawn:
                    ChangeLoad(-1);
                    break;
                case ConversationAssigned assigned:
                    var chat = _chats[assigned.ConversationId];
                    chat.AssignedAt ??= assigned.AssignedAt;
                    Schedule(_now + HandleTime(), () =>
                    {
                        ChangeLoad(-1);
                        _chats.Remove(chat.Id);
                        Handle(_engine.End(chat.Id, _now));
                    });
                    break;
                case ConversationWaitExceeded exceeded:
                    throw new InvalidOperationException($"chat {exceeded.ConversationId} exceeded its wait: no queue has a maximum wait");
            }
        }
    }

    private TimeSpan HandleTime()
    {
        var mean = SimulationConfig.MeanHandleTime.TotalSeconds;
        double seconds;
        if (_config.LogNormal)
        {
            // Log-normal with σ = 0.8 and the given mean: μ = ln(mean) − σ²/2.
            const double Sigma = 0.8;
            var u1 = 1 - _random.NextDouble();
            var u2 = _random.NextDouble();
            var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            seconds = Math.Exp(Math.Log(mean) - (Sigma * Sigma / 2) + (Sigma * normal));
        }
        else
        {
            seconds = -Math.Log(1 - _random.NextDouble()) * mean;
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private void ChangeLoad(int delta)
    {
        _busySlotSeconds += _load * (_now - _lastLoadChange).TotalSeconds;
        _lastLoadChange = _now;
        _load += delta;
    }

    private void SetTime(DateTimeOffset at)
    {
        if (at > _now)
        {
            _now = at;
        }
    }

    private void Schedule(DateTimeOffset at, Action action) => _events.Enqueue(action, (at, _order++));

    private static void Require(RoutingOutcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"simulation command refused: {outcome.Error}");
        }
    }
}
