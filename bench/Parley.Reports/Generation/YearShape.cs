using NodaTime;

namespace Parley.ReportBench.Generation;

/// <summary>
/// What to generate: <see cref="Conversations"/> chats over <see cref="Days"/> days from <see cref="Start"/> (local
/// midnight in <see cref="Zone"/>, where the day and week curves and the agents' shifts are), on
/// <see cref="Queues"/> queues with <see cref="Agents"/> agents. The same shape and seed give the same facts.
/// </summary>
public sealed record YearShape
{
    public int Conversations { get; init; } = 1_000_000;
    public int Days { get; init; } = 365;
    public int Queues { get; init; } = 20;
    public int Agents { get; init; } = 200;
    public LocalDate Start { get; init; } = new(2025, 12, 1);
    public string Zone { get; init; } = "Europe/Amsterdam";
    public int Seed { get; init; } = 19;

    /// <summary>The full size: a year of a million chats, 20 queues, 200 agents.</summary>
    public static YearShape Full { get; } = new();

    /// <summary>Seconds, not minutes: two weeks of 20,000 chats with 100 agents (the shifts are the full size's).</summary>
    public static YearShape Smoke { get; } = new() { Conversations = 20_000, Days = 14, Agents = 100 };

    public DateTimeZone TimeZone => DateTimeZoneProviders.Tzdb[Zone];

    public Instant From => Start.AtStartOfDayInZone(TimeZone).ToInstant();

    public Instant To => Start.PlusDays(Days).AtStartOfDayInZone(TimeZone).ToInstant();

    /// <summary>The month the reports are timed on: the last calendar month of the range (local), or the whole range if shorter.</summary>
    public (Instant From, Instant To) Month
    {
        get
        {
            var end = Start.PlusDays(Days);
            var start = end.PlusMonths(-1);
            return ((start < Start ? Start : start).AtStartOfDayInZone(TimeZone).ToInstant(), To);
        }
    }
}
