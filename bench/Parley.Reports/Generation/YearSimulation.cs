using Parley.Server.Storage;

namespace Parley.ReportBench.Generation;

/// <summary>
/// A year of a contact center, simulated event by event on a virtual clock, written as the facts of the reporting event
/// log exactly as the product records them (src/Parley.Server/Storage/ReportEventKinds.cs): chats arrive per
/// <see cref="ArrivalCurve"/>, wait, are offered to an agent who serves the queue and has a free slot, and are answered,
/// abandoned (a third of them within 5 s), expired at the maximum wait, overflowed to a sibling queue or transferred to a
/// queue or an agent; handled chats get a first reply, an end (by agent, customer or inactivity), the agent's wrap-up and
/// sometimes a rating. Agents sign in for their shifts, take breaks and lunch, sometimes a training (do not disturb) or
/// a phone call (externally busy), and sign out once their last chat and wrap-up are done.
/// The facts come out in the log's order (one clock, so At never goes back); the same shape gives the same facts. The
/// log begins the evening before the range, when the first night shift signs in.
/// </summary>
public sealed partial class YearSimulation
{
    private const long Second = 1000;
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;

    /// <summary>The queues' maximum wait: a chat still waiting then expires.</summary>
    public const long MaxWaitMs = 10 * Minute;

    private readonly YearShape _shape;
    private readonly Roster _roster;
    private readonly Random _random;
    private readonly int[] _arrivals;
    private readonly long _from;
    private readonly PriorityQueue<Action, (long At, long Order)> _due = new();
    private readonly List<ReportEventRecord> _facts = [];
    private long _order;
    private long _now;

    public YearSimulation(YearShape shape)
    {
        _shape = shape;
        _roster = new Roster(shape);
        _random = new Random(shape.Seed);
        _arrivals = ArrivalCurve.PerHour(shape);
        _from = shape.From.ToUnixTimeMilliseconds();
    }

    public Roster Roster => _roster;

    /// <summary>Every fact of the range, in log order. Enumerate once.</summary>
    public IEnumerable<ReportEventRecord> Facts()
    {
        // The night shift that began the evening before is already in when the range starts.
        _now = _shape.Start.PlusDays(-1).AtStartOfDayInZone(_shape.TimeZone).ToInstant().ToUnixTimeMilliseconds();
        At(_now, () => DayStarts(-1));
        At(_from, () => HourStarts(0));
        while (_due.TryDequeue(out var step, out var key))
        {
            _now = key.At;
            step();
            foreach (var fact in _facts)
            {
                yield return fact;
            }

            _facts.Clear();
        }
    }

    private void At(long at, Action step) => _due.Enqueue(step, (Math.Max(at, _now), _order++));

    private void HourStarts(int hour)
    {
        var start = _from + (hour * Hour);
        for (var i = 0; i < _arrivals[hour]; i++)
        {
            At(start + _random.NextInt64(Hour), Arrive);
        }

        if (hour + 1 < _arrivals.Length)
        {
            At(start + Hour, () => HourStarts(hour + 1));
        }
    }

    private void DayStarts(int day)
    {
        var date = _shape.Start.PlusDays(day);
        foreach (var agent in _roster.Agents)
        {
            if (Array.IndexOf(agent.DaysOff, date.DayOfWeek) >= 0)
            {
                continue;
            }

            var signIn = (date + agent.ShiftStart).InZoneLeniently(_shape.TimeZone).ToInstant().ToUnixTimeMilliseconds() + Jitter(10 * Minute);
            var signOut = signIn + (long)agent.ShiftLength.TotalMilliseconds + Jitter(10 * Minute);
            if (signOut <= _from)
            {
                continue;
            }

            At(signIn, () => StartShift(agent, signOut));
        }

        if (day + 1 < _shape.Days)
        {
            At(date.PlusDays(1).AtStartOfDayInZone(_shape.TimeZone).ToInstant().ToUnixTimeMilliseconds(), () => DayStarts(day + 1));
        }
    }

    private void Conversation(string kind, SimConversation chat, SimAgent? agent = null, string? detail = null, string? target = null, long? durationMs = null, int? value = null) =>
        _facts.Add(new ReportEventRecord
        {
            At = _now,
            Kind = kind,
            ConversationId = chat.Id,
            Queue = _roster.Queues[chat.Queue],
            Agent = agent?.Username,
            Detail = detail,
            Target = target,
            QueuedAt = chat.QueuedAt,
            DurationMs = durationMs,
            Value = value,
            Site = kind == ReportEventKinds.Queued ? chat.Site : null,
            Edge = kind == ReportEventKinds.Queued ? chat.Edge : null,
            Medium = kind == ReportEventKinds.Queued ? chat.Medium : null,
        });

    /// <summary>An agent fact: always the state after the change.</summary>
    private void Agent(string kind, SimAgent agent, Guid? conversation = null, string? detail = null, long? durationMs = null) =>
        _facts.Add(new ReportEventRecord
        {
            At = _now,
            Kind = kind,
            ConversationId = conversation,
            Agent = agent.Username,
            Detail = detail ?? agent.Reason,
            DurationMs = durationMs,
            Presence = agent.Presence.ToString(),
            Status = agent.Status.ToString(),
            Active = agent.Active,
            Capacity = agent.Capacity,
        });

    private long Jitter(long most) => _random.NextInt64(-most, most + 1);

    private long Between(long least, long most) => _random.NextInt64(least, most + 1);

    /// <summary>Log-normal around a median (σ in natural log units), clamped.</summary>
    private long LogNormal(long median, double sigma, long least, long most)
    {
        // Box–Muller: one standard normal from two uniforms.
        var normal = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        return Math.Clamp((long)(median * Math.Exp(sigma * normal)), least, most);
    }

    private bool Chance(double p) => _random.NextDouble() < p;
}
