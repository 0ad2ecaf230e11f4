using NodaTime;

namespace Parley.ReportBench.Generation;

/// <summary>
/// The queues and the agents who serve them. Queues fall into skill groups (queue q is in group q mod groups). Agents
/// come in teams of ten, each team serving one group (a third of its agents a second one too) with every shift: one
/// works nights (22:00–06:00, across midnight), the others early, day, middle or late shifts; each agent has two days
/// off a week, in turn.
/// </summary>
public sealed class Roster
{
    private static readonly string[] QueueNames =
    [
        "support", "sales", "billing", "returns", "orders", "delivery", "accounts", "technical", "mobile", "internet",
        "tv", "business", "complaints", "retention", "moving", "payments", "claims", "partners", "vip", "general",
    ];

    // (local start, length) by agent number mod 10.
    private static readonly (LocalTime Start, Duration Length)[] Shifts =
    [
        (new LocalTime(22, 0), Duration.FromHours(8)),
        (new LocalTime(6, 0), Duration.FromHours(8)),
        (new LocalTime(6, 0), Duration.FromHours(8)),
        (new LocalTime(8, 0), Duration.FromMinutes(510)),
        (new LocalTime(8, 0), Duration.FromMinutes(510)),
        (new LocalTime(8, 0), Duration.FromMinutes(510)),
        (new LocalTime(12, 0), Duration.FromHours(8)),
        (new LocalTime(12, 0), Duration.FromHours(8)),
        (new LocalTime(14, 0), Duration.FromHours(8)),
        (new LocalTime(14, 0), Duration.FromHours(8)),
    ];

    public Roster(YearShape shape)
    {
        Groups = Math.Clamp(shape.Queues / 4, 1, 5);
        Queues = [.. Enumerable.Range(0, shape.Queues).Select(q => q < QueueNames.Length ? QueueNames[q] : $"queue{q + 1:00}")];
        // Bigger queues first (a Zipf-like spread), cumulative for sampling.
        var weights = Enumerable.Range(0, shape.Queues).Select(q => 1 / Math.Pow(q + 1, 0.6)).ToArray();
        QueueCumulative = new double[weights.Length];
        var sum = 0.0;
        for (var q = 0; q < weights.Length; q++)
        {
            sum += weights[q];
            QueueCumulative[q] = sum / weights.Sum();
        }

        Agents = [.. Enumerable.Range(0, shape.Agents).Select(k => new SimAgent(
            Username: $"agent{k + 1:000}",
            DisplayName: $"Agent {k + 1:000}",
            Capacity: k % 3 == 0 ? 2 : 3,
            Groups: k % 3 == 1 ? [(k / 10) % Groups, ((k / 10) + 1) % Groups] : [(k / 10) % Groups],
            ShiftStart: Shifts[k % 10].Start,
            ShiftLength: Shifts[k % 10].Length,
            DaysOff: [(IsoDayOfWeek)((k % 7) + 1), (IsoDayOfWeek)(((k + 1) % 7) + 1)]))];
    }

    public int Groups { get; }
    public IReadOnlyList<string> Queues { get; }
    public IReadOnlyList<SimAgent> Agents { get; }
    private double[] QueueCumulative { get; }

    public int GroupOf(int queue) => queue % Groups;

    public int PickQueue(Random random)
    {
        var r = random.NextDouble();
        var q = Array.BinarySearch(QueueCumulative, r);
        return Math.Min(q < 0 ? ~q : q, Queues.Count - 1);
    }

    /// <summary>Another queue of the same group where there is one (overflow goes to a sibling queue).</summary>
    public int SiblingOf(int queue) => Queues.Count > Groups ? (queue + Groups) % Queues.Count : queue;

    /// <summary>Whether a queue offers its survey (two in three do).</summary>
    public static bool OffersSurvey(int queue) => queue % 3 != 2;
}
