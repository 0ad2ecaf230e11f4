namespace Parley.Routing.Bench;

/// <summary>
/// The baseline: the way routing worked before the incremental engine. Every decision filters all agents or all
/// waiting chats with LINQ and sorts the candidates (OrderBy), with the same rules as the engine — membership and
/// membership priority, skill requirements from the queue and the pre-chat answers, capacity, strategy, priority
/// with aging, first in first out — so on the same world it makes the same decisions (checked by <c>--verify</c>).
/// Offers are accepted at once, so there is no offer state.
/// </summary>
public sealed class NaiveRouter : IRouter
{
    private readonly Dictionary<string, QueueSettings> _queues = new(StringComparer.Ordinal);
    private readonly List<Agent> _agents = [];
    private readonly Dictionary<string, Agent> _agentsById = new(StringComparer.Ordinal);
    private readonly List<Chat> _waiting = [];
    private readonly Dictionary<Guid, (Chat Chat, Agent Agent)> _assigned = [];
    private long _arrivals;

    public int WaitingCount => _waiting.Count;

    public void Build(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var now = World.Start;
        foreach (var queue in world.Queues)
        {
            _queues.Add(queue.Name, queue);
        }

        foreach (var profile in world.Agents)
        {
            var agent = new Agent(profile);
            _agents.Add(agent);
            _agentsById.Add(agent.Id, agent);
        }

        for (var i = 0; i < world.Agents.Length; i++)
        {
            var agent = _agents[i];
            foreach (var spec in world.Assigned[i])
            {
                Assign(Derive(spec), agent, spec.EnteredAt + TimeSpan.FromMinutes(1));
            }
        }

        foreach (var agent in _agents)
        {
            agent.Available = true;
            agent.IdleSince = now;
        }

        foreach (var spec in world.Waiting)
        {
            _waiting.Add(Derive(spec));
        }
    }

    public void EndChat(Guid chatId, DateTimeOffset now, List<Assignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        if (!_assigned.Remove(chatId, out var held))
        {
            _waiting.RemoveAll(c => c.Id == chatId);
            return;
        }

        var agent = held.Agent;
        agent.Load--;
        if (!agent.Ready)
        {
            return;
        }

        // The freed agent takes the best chat of all the waiting chats they may take.
        var best = _waiting
            .Where(c => Eligible(c, agent))
            .OrderBy(c => agent.Levels[c.Queue])
            .ThenByDescending(c => EffectivePriority(c, now))
            .ThenBy(c => c.EnteredAt)
            .ThenBy(c => c.Arrival)
            .FirstOrDefault();
        if (best is not null)
        {
            _waiting.Remove(best);
            Assign(best, agent, now);
            assignments.Add(new Assignment(agent.Id, best.Id, best.Queue));
        }
    }

    public void Enqueue(ChatSpec chat, DateTimeOffset now, List<Assignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var waiting = Derive(chat);
        var settings = _queues[waiting.Queue];

        // The new chat goes to the best ready agent of all agents, by the queue's strategy.
        var candidates = _agents.Where(a => a.Ready && Eligible(waiting, a)).OrderBy(a => a.Levels[waiting.Queue]);
        var ordered = settings.Strategy switch
        {
            RoutingStrategy.LeastOccupied => candidates.ThenBy(a => a.Load),
            RoutingStrategy.BestSkillMatch => candidates.ThenByDescending(a => waiting.Requirements.Sum(r => a.SkillLevel(r.Skill))),
            _ => candidates,
        };
        var best = ordered.ThenBy(a => a.IdleSince).ThenBy(a => a.Id, StringComparer.Ordinal).FirstOrDefault();
        if (best is null)
        {
            _waiting.Add(waiting);
            return;
        }

        Assign(waiting, best, now);
        assignments.Add(new Assignment(best.Id, waiting.Id, waiting.Queue));
    }

    private static bool Eligible(Chat chat, Agent agent) =>
        agent.Levels.ContainsKey(chat.Queue) && chat.Requirements.All(r => agent.SkillLevel(r.Skill) >= r.MinimumLevel);

    private int EffectivePriority(Chat chat, DateTimeOffset now) =>
        _queues[chat.Queue].PriorityAgingInterval is { Ticks: > 0 } interval && now > chat.EnteredAt
            ? chat.Priority + (int)((now - chat.EnteredAt).Ticks / interval.Ticks)
            : chat.Priority;

    private void Assign(Chat chat, Agent agent, DateTimeOffset at)
    {
        agent.Load++;
        agent.IdleSince = at;
        _assigned.Add(chat.Id, (chat, agent));
    }

    /// <summary>Priority and requirements from the queue and the answers (the strictest requirement per skill).</summary>
    private Chat Derive(ChatSpec spec)
    {
        var queue = _queues[spec.Queue];
        var matched = queue.AnswerRules
            .Where(r => spec.Answers.TryGetValue(r.Question, out var answer) && string.Equals(answer.Trim(), r.Answer, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var priority = matched.Where(r => r.Priority is not null).Select(r => r.Priority!.Value).DefaultIfEmpty(queue.Priority).Max();
        var requirements = queue.RequiredSkills.Concat(matched.Where(r => r.RequireSkill is not null).Select(r => r.RequireSkill!))
            .GroupBy(r => r.Skill, StringComparer.Ordinal)
            .Select(g => new SkillRequirement(g.Key, g.Max(r => r.MinimumLevel)))
            .ToArray();
        return new Chat(spec.Id, spec.Queue, spec.EnteredAt, _arrivals++, priority, requirements);
    }

    private sealed record Chat(Guid Id, string Queue, DateTimeOffset EnteredAt, long Arrival, int Priority, SkillRequirement[] Requirements);

    private sealed class Agent(AgentProfile profile)
    {
        public string Id { get; } = profile.Username;
        public int Capacity { get; } = profile.Capacity;
        public Dictionary<string, int> Levels { get; } = profile.Queues
            .GroupBy(m => m.Queue, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(m => m.Priority), StringComparer.Ordinal);

        public bool Available { get; set; }
        public int Load { get; set; }
        public DateTimeOffset IdleSince { get; set; }
        public bool Ready => Available && Load < Capacity;

        public int SkillLevel(string skill) => profile.Skills.TryGetValue(skill, out var level) ? level : 0;
    }
}
