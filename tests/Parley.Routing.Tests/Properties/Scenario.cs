using System.Globalization;
using System.Text;
using CsCheck;

namespace Parley.Routing.Tests.Properties;

/// <summary>A small routing world: 2–4 queues with random settings, 2–6 agents with random skills, queues and capacity.</summary>
internal sealed record World(QueueSettings[] Queues, AgentProfile[] Agents, AgentPresence[] InitialPresence, bool AwayAfterMissedOffer)
{
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"options: AwayAfterMissedOffer={AwayAfterMissedOffer}");
        foreach (var q in Queues)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"queue {Describe.Queue(q)}");
        }

        for (var i = 0; i < Agents.Length; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"agent {Describe.Agent(Agents[i])} initially {InitialPresence[i]}");
        }

        return text.ToString();
    }
}

/// <summary>What a command does; its integer arguments are read against the engine's state when it runs (see <see cref="ScenarioRun"/>).</summary>
internal enum Op
{
    SetPresence,
    SetExternalState,
    EndWrapUp,
    Enqueue,
    Accept,
    Decline,
    End,
    TransferToAgent,
    TransferToQueue,
    ForceAssign,
    MoveToQueue,
    Pick,
    RedefineAgent,
    Tick,
    JumpToDeadline,
}

/// <summary>
/// One generated command. <paramref name="A"/>–<paramref name="D"/> are selectors (taken modulo the number of agents,
/// queues, offers… at the time the command runs), so any sequence is meaningful in any state and shrinks well.
/// <paramref name="Delay"/> is the time in seconds that passes before the command.
/// </summary>
internal sealed record Command(Op Op, int A, int B, int C, int D, int Delay)
{
    public override string ToString() => $"{Op}({A},{B},{C},{D}) after {Delay}s";
}

internal sealed record Scenario(World World, Command[] Commands)
{
    public override string ToString() => $"{World}commands:\n{string.Join("\n", Commands.Select(c => c.ToString()))}";
}

/// <summary>CsCheck generators for worlds and command sequences.</summary>
internal static class ScenarioGen
{
    public static readonly string[] Skills = ["billing", "french", "tech"];

    private static readonly Gen<SkillRequirement> Requirement =
        Gen.Select(Gen.Int[0, Skills.Length - 1], Gen.Int[1, 10], (s, level) => new SkillRequirement(Skills[s], level));

    private static readonly Gen<AnswerRule> Rule =
        Gen.Select(Gen.Int[0, 1], Requirement.Null(), Gen.Int[0, 6], (answer, skill, priority) =>
            new AnswerRule("topic", answer == 0 ? "a" : "b", skill, priority == 0 ? null : priority - 1));

    private static readonly Gen<(int After, int Skill, int Level)> Step = Gen.Select(Gen.Int[5, 600], Gen.Int[0, Skills.Length - 1], Gen.Int[0, 10]);

    /// <summary>The parts of a queue's settings; the overflow target depends on the queue's index, so they are put together later.</summary>
    private sealed record QueueParts(
        SkillRequirement[] Required, int Priority, AnswerRule[] Rules, int MaxLength, int MaxWaitSeconds, int OverflowTarget,
        int OverflowAfter, (int After, int Skill, int Level)[] Relaxation, int OfferTimeout, int WrapUp, RoutingStrategy Strategy,
        int Aging, bool ManualPick, int Affinity);

    private static readonly Gen<QueueParts> Parts = Gen.Select(
        Requirement.Array[0, 2], Gen.Int[0, 3], Rule.Array[0, 2], Gen.Int[0, 4],
        Gen.Frequency((2, Gen.Const(0)), (1, Gen.Int[30, 1800])),
        Gen.Int[0, 3], Gen.Int[10, 600], Step.Array[0, 2], Gen.Int[5, 60],
        Gen.Frequency((2, Gen.Const(0)), (1, Gen.Int[1, 120])),
        Gen.Enum<RoutingStrategy>(),
        Gen.Frequency((2, Gen.Const(0)), (1, Gen.Int[10, 300])),
        Gen.Bool,
        Gen.Frequency((2, Gen.Const(0)), (1, Gen.Int[5, 120])),
        (required, priority, rules, maxLength, maxWait, overflowTarget, overflowAfter, relaxation, offerTimeout, wrapUp, strategy, aging, pick, affinity) =>
            new QueueParts(required, priority, rules, maxLength, maxWait, overflowTarget, overflowAfter, relaxation, offerTimeout, wrapUp, strategy, aging, pick, affinity));

    public static string QueueName(int i) => $"q{i}";

    public static string AgentName(int i) => $"a{i}";

    private static QueueSettings Build(QueueParts p, int index, int count)
    {
        // Overflow target 0 means none; otherwise a different queue, counted from this one.
        var target = p.OverflowTarget == 0 ? -1 : (index + 1 + ((p.OverflowTarget - 1) % (count - 1))) % count;
        return new QueueSettings(QueueName(index))
        {
            RequiredSkills = [.. p.Required.DistinctBy(r => r.Skill)],
            Priority = p.Priority,
            AnswerRules = p.Rules,
            MaxQueueLength = p.MaxLength == 0 ? null : p.MaxLength + 1,
            MaxWait = p.MaxWaitSeconds == 0 ? null : TimeSpan.FromSeconds(p.MaxWaitSeconds),
            Overflow = target < 0 ? null : new OverflowRule(TimeSpan.FromSeconds(p.OverflowAfter), QueueName(target)),
            Relaxation = [.. p.Relaxation.Select(s => new RelaxationStep(TimeSpan.FromSeconds(s.After), Skills[s.Skill], s.Level == 0 ? null : s.Level))],
            OfferTimeout = TimeSpan.FromSeconds(p.OfferTimeout),
            WrapUp = TimeSpan.FromSeconds(p.WrapUp),
            Strategy = p.Strategy,
            PriorityAgingInterval = p.Aging == 0 ? null : TimeSpan.FromSeconds(p.Aging),
            ManualPick = p.ManualPick,
            AffinityWindow = TimeSpan.FromSeconds(p.Affinity),
        };
    }

    /// <summary>Skill levels 0–10 per skill (0 = lacks it); membership per queue: 0 none, 1 primary, 2 backup.</summary>
    private static readonly Gen<(int Capacity, int[] Levels, int[] Memberships, AgentPresence Presence)> AgentParts = Gen.Select(
        Gen.Int[1, 3],
        Gen.Frequency((1, Gen.Const(0)), (3, Gen.Int[1, 10])).Array[Skills.Length],
        Gen.Frequency((2, Gen.Const(1)), (1, Gen.Const(0)), (1, Gen.Const(2))).Array[4],
        Gen.Frequency((4, Gen.Const(AgentPresence.Available)), (1, Gen.Enum<AgentPresence>())));

    public static AgentProfile Profile(int index, int capacity, IReadOnlyList<int> levels, IReadOnlyList<int> memberships, int queues)
    {
        var skills = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < Skills.Length; s++)
        {
            if (levels[s] is >= 1 and <= 10)
            {
                skills[Skills[s]] = levels[s];
            }
        }

        var queueList = new List<QueueMembership>();
        for (var q = 0; q < queues; q++)
        {
            if (memberships[q] is 1 or 2)
            {
                queueList.Add(new QueueMembership(QueueName(q), memberships[q]));
            }
        }

        return new AgentProfile(AgentName(index)) { Capacity = capacity, Skills = skills, Queues = queueList };
    }

    public static readonly Gen<World> World =
        Gen.Select(Gen.Int[2, 4], Gen.Int[2, 6], Gen.Bool).SelectMany((queues, agents, away) =>
            Gen.Select(Parts.Array[queues], AgentParts.Array[agents], (q, a) => new World(
                [.. q.Select((p, i) => Build(p, i, queues))],
                [.. a.Select((p, i) => Profile(i, p.Capacity, p.Levels, p.Memberships, queues))],
                [.. a.Select(p => p.Presence)],
                away)));

    private static readonly Gen<Op> Ops = Gen.Frequency(
        (8, Gen.Const(Op.SetPresence)),
        (3, Gen.Const(Op.SetExternalState)),
        (2, Gen.Const(Op.EndWrapUp)),
        (12, Gen.Const(Op.Enqueue)),
        (10, Gen.Const(Op.Accept)),
        (4, Gen.Const(Op.Decline)),
        (7, Gen.Const(Op.End)),
        (3, Gen.Const(Op.TransferToAgent)),
        (3, Gen.Const(Op.TransferToQueue)),
        (2, Gen.Const(Op.ForceAssign)),
        (2, Gen.Const(Op.MoveToQueue)),
        (3, Gen.Const(Op.Pick)),
        (2, Gen.Const(Op.RedefineAgent)),
        (6, Gen.Const(Op.Tick)),
        (5, Gen.Const(Op.JumpToDeadline)));

    private static readonly Gen<int> Delay = Gen.Frequency((8, Gen.Const(0)), (3, Gen.Int[1, 10]), (1, Gen.Int[10, 90]));

    public static readonly Gen<Command> Command =
        Gen.Select(Ops, Gen.Int[0, 4095], Gen.Int[0, 4095], Gen.Int[0, 4095], Gen.Int[0, 4095], Delay,
            (op, a, b, c, d, delay) => new Command(op, a, b, c, d, delay));

    public static readonly Gen<Scenario> Scenario =
        Gen.Select(World, Command.Array[20, 60], (world, commands) => new Scenario(world, commands));
}

/// <summary>Short readable names for settings, profiles and events in failure traces.</summary>
internal static class Describe
{
    public static string Queue(QueueSettings q)
    {
        var parts = new List<string> { q.Name, $"prio={q.Priority}", q.Strategy.ToString() };
        if (q.RequiredSkills.Count > 0)
        {
            parts.Add($"needs[{string.Join(", ", q.RequiredSkills)}]");
        }

        foreach (var rule in q.AnswerRules)
        {
            parts.Add($"rule({rule.Question}={rule.Answer} → {rule.RequireSkill?.ToString() ?? "-"}, prio {rule.Priority?.ToString(CultureInfo.InvariantCulture) ?? "-"})");
        }

        if (q.MaxQueueLength is { } max)
        {
            parts.Add($"maxLen={max}");
        }

        if (q.MaxWait is { } wait)
        {
            parts.Add($"maxWait={wait.TotalSeconds}s");
        }

        if (q.Overflow is { } overflow)
        {
            parts.Add($"overflow→{overflow.TargetQueue} after {overflow.After.TotalSeconds}s");
        }

        foreach (var step in q.Relaxation)
        {
            parts.Add($"relax({step.Skill}→{step.MinimumLevel?.ToString(CultureInfo.InvariantCulture) ?? "drop"} after {step.After.TotalSeconds}s)");
        }

        parts.Add($"offerTimeout={q.OfferTimeout.TotalSeconds}s");
        if (q.WrapUp > TimeSpan.Zero)
        {
            parts.Add($"wrapUp={q.WrapUp.TotalSeconds}s");
        }

        if (q.PriorityAgingInterval is { } aging)
        {
            parts.Add($"aging={aging.TotalSeconds}s");
        }

        if (q.ManualPick)
        {
            parts.Add("manualPick");
        }

        if (q.AffinityWindow > TimeSpan.Zero)
        {
            parts.Add($"affinity={q.AffinityWindow.TotalSeconds}s");
        }

        return string.Join(" ", parts);
    }

    public static string Agent(AgentProfile a) =>
        $"{a.Username} cap={a.Capacity} skills[{string.Join(", ", a.Skills.Select(s => $"{s.Key}={s.Value}"))}] " +
        $"queues[{string.Join(", ", a.Queues.Select(m => m.Priority == 1 ? m.Queue : $"{m.Queue}(backup {m.Priority})"))}]";
}
