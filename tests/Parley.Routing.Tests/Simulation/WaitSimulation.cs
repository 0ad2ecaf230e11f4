namespace Parley.Routing.Tests.Simulation;

/// <summary>The simulated contact center's shape.</summary>
public enum SimulationScenario
{
    /// <summary>Support (60 % of arrivals) and sales (40 %), 8 agents with 20 chat slots, two of them in both queues.</summary>
    TwoQueues,

    /// <summary>One queue served by one agent with capacity 3: the agent is often busy at 3/3 with chats in progress.</summary>
    OneBusyAgent,

    /// <summary>As <see cref="TwoQueues"/>, but a chat that waited 1 minute in support overflows to sales.</summary>
    Overflow,

    /// <summary>
    /// As <see cref="OneBusyAgent"/>, but the mean handle time switches between 1 and 11 minutes every 2 hours (arrivals
    /// follow, keeping the load): the recent handle times say little about the chats in progress — the reported case
    /// of a queue whose closed chats were short while its agent sat at 3/3 with long ones.
    /// </summary>
    ShiftingHandleTimes,
}

/// <summary>How the simulated contact center runs.</summary>
/// <param name="Utilisation">Offered load ÷ chat slots: arrivals × (mean handle time + mean accept delay) ÷ total capacity.</param>
/// <param name="LogNormal">Log-normal handle times (σ = 0.8) instead of exponential ones, same mean.</param>
internal sealed record SimulationConfig(double Utilisation, bool LogNormal = true, double Days = 7, double WarmUpHours = 4, int Seed = 1, SimulationScenario Scenario = SimulationScenario.TwoQueues)
{
    /// <summary>A chat still waiting is estimated again every this often: the estimate a customer reads later.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromMinutes(1);

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
/// <param name="NoEstimateShare">Share of chats that got no estimate at enqueue (they count in no MAE).</param>
/// <param name="LaterMae">Mean absolute error of the estimates a still-waiting chat got every minute it waited, against its remaining wait, seconds.</param>
/// <param name="LaterNoEstimateShare">Share of those later readings without an estimate.</param>
/// <param name="FalsePromises">Readings (at enqueue or later) that said under a minute while 3 minutes or more were left.</param>
internal sealed record SimulationResult(SimulationConfig Config, int Chats, double MeanWait, double Mae, double NaiveMae, double MeanEstimate, double QueuedShare, double MeasuredUtilisation,
    double NoEstimateShare, int LaterReadings, double LaterMae, double LaterNoEstimateShare, int FalsePromises)
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
    private static readonly (string Id, int Capacity, string[] Queues)[] TeamAgents =
    [
        ("a0", 3, ["support"]), ("a1", 3, ["support"]), ("a2", 2, ["support"]), ("a3", 2, ["support"]),
        ("a4", 3, ["sales"]), ("a5", 2, ["sales"]),
        ("a6", 3, ["support", "sales"]), ("a7", 2, ["support", "sales"]),
    ];

    private static readonly (string Id, int Capacity, string[] Queues)[] OneAgent = [("a0", 3, ["support"])];

    private readonly (string Id, int Capacity, string[] Queues)[] Agents;

    /// <summary>Queue and its share of arrivals.</summary>
    private readonly (string Name, double Share)[] Queues;

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
        /// <summary>When the chat was estimated again while it waited, and what it was told.</summary>
        public List<(DateTimeOffset At, TimeSpan? Estimate)> Later { get; } = [];

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
        var single = config.Scenario is SimulationScenario.OneBusyAgent or SimulationScenario.ShiftingHandleTimes;
        Agents = single ? OneAgent : TeamAgents;
        Queues = single ? [("support", 1.0)] : [("support", 0.6), ("sales", 0.4)];
        var offers = 0;
        _engine = new RoutingEngine(new RoutingOptions(), () => Guid.Parse($"0ffe0000-0000-0000-0000-{++offers:D12}"));
    }

    public static SimulationResult Run(SimulationConfig config) => new WaitSimulation(config).Simulate();

    private SimulationResult Simulate()
    {
        foreach (var (name, _) in Queues.OrderByDescending(q => q.Name, StringComparer.Ordinal)) // sales first: support's overflow target exists
        {
            var overflow = _config.Scenario == SimulationScenario.Overflow && name == "support" ? new OverflowRule(TimeSpan.FromMinutes(1), "sales") : null;
            Require(_engine.DefineQueue(new QueueSettings(name) { Overflow = overflow }, _now));
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
        var estimated = done.Where(c => c.Estimate is not null).ToList();
        var waits = estimated.Select(c => (c.AssignedAt!.Value - c.EnteredAt).TotalSeconds).ToList();
        var estimates = estimated.Select(c => c.Estimate!.Value.TotalSeconds).ToList();
        var naive = estimated.Select(c => c.Naive.TotalSeconds).ToList();
        var later = done.SelectMany(c => c.Later.Select(l => (Left: (c.AssignedAt!.Value - l.At).TotalSeconds, l.Estimate))).ToList();
        var laterEstimated = later.Where(l => l.Estimate is not null).ToList();
        var readings = done.Select(c => (Left: (c.AssignedAt!.Value - c.EnteredAt).TotalSeconds, c.Estimate)).Concat(later);
        return new SimulationResult(
            _config,
            done.Count,
            waits.Average(),
            waits.Zip(estimates, (w, e) => Math.Abs(w - e)).Average(),
            waits.Zip(naive, (w, e) => Math.Abs(w - e)).Average(),
            estimates.Average(),
            done.Count(c => !c.OfferedAtOnce) / (double)done.Count,
            _busySlotSeconds / (_now - Start).TotalSeconds / slots,
            1 - (estimated.Count / (double)done.Count),
            later.Count,
            laterEstimated.Count == 0 ? 0 : laterEstimated.Average(l => Math.Abs(l.Left - l.Estimate!.Value.TotalSeconds)),
            later.Count == 0 ? 0 : 1 - (laterEstimated.Count / (double)later.Count),
            readings.Count(r => r.Estimate is { } e && e < TimeSpan.FromMinutes(1) && r.Left >= 180));

        void ScheduleArrival(string queue, double rate)
        {
            var now = rate * meanSlotTime / (MeanHandleSeconds() + ((SimulationConfig.MinAcceptDelay + SimulationConfig.MaxAcceptDelay) / 2));
            var at = _now.AddSeconds(-Math.Log(1 - _random.NextDouble()) / now);
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
            ScheduleRecheck(chat);
        }

        Handle(outcome);
    }

    /// <summary>Every minute the chat waits, reads its estimate again (the widget shows the latest one).</summary>
    private void ScheduleRecheck(Chat chat) =>
        Schedule(_now + SimulationConfig.RecheckInterval, () =>
        {
            if (chat.AssignedAt is null && _engine.GetStanding(chat.Id, _now) is { } standing)
            {
                chat.Later.Add((_now, standing.EstimatedWait));
                ScheduleRecheck(chat);
            }
        });

    private void Handle(RoutingOutcome outcome)
    {
        foreach (var e in outcome.Events)
        {
            switch (e)
            {
                case OfferCreated offer:
                    var delay = SimulationConfig.MinAcceptDelay + (_random.NextDouble() * (SimulationConfig.MaxAcceptDelay - SimulationConfig.MinAcceptDelay));
                    ChangeLoad(+1);
                    Schedule(_now.AddSeconds(delay), () => Handle(_engine.Accept(offer.OfferId, offer.Username, _now)));
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
                case ConversationRequeued:
                    break; // overflow: the chat keeps waiting in the target queue
                case ConversationWaitExceeded exceeded:
                    throw new InvalidOperationException($"chat {exceeded.ConversationId} exceeded its wait: no queue has a maximum wait");
            }
        }
    }

    private TimeSpan HandleTime()
    {
        var mean = MeanHandleSeconds();
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

    private double MeanHandleSeconds() =>
        _config.Scenario != SimulationScenario.ShiftingHandleTimes ? SimulationConfig.MeanHandleTime.TotalSeconds
        : (int)((_now - Start).TotalHours / 2) % 2 == 0 ? 60 : 660;

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
