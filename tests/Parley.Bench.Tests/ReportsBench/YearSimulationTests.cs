using NodaTime;
using Parley.ReportBench.Generation;
using Parley.Server.Storage;
using K = Parley.Server.Storage.ReportEventKinds;

namespace Parley.Bench.Tests.ReportsBench;

/// <summary>
/// The reports benchmark's generator (bench/Parley.Reports) at its smoke size: its facts keep the event log's contract,
/// carry the mixes the benchmark claims (answers, short and long abandons, expiries, overflows, transfers, ratings, shifts
/// across midnight, every presence), and the same shape gives the same facts.
/// </summary>
public sealed class YearSimulationTests
{
    private static readonly YearShape Shape = YearShape.Smoke;
    private static readonly Lazy<List<ReportEventRecord>> Facts = new(() => [.. new YearSimulation(Shape).Facts()]);

    [Fact]
    public void Every_fact_keeps_the_event_log_contract()
    {
        var contract = new EventLogContract();
        foreach (var fact in Facts.Value)
        {
            contract.Check(fact);
        }

        contract.Finish();
        Assert.Empty(contract.Violations);
        Assert.Equal(Shape.Conversations, contract.Conversations.Count);
    }

    [Fact]
    public void The_log_runs_forward_from_the_evening_before_the_range()
    {
        var facts = Facts.Value;
        Assert.True(facts.Zip(facts.Skip(1)).All(p => p.First.At <= p.Second.At), "At goes back somewhere");
        var from = Shape.From.ToUnixTimeMilliseconds();
        // Only the night shift's sign-ins (and what they do before midnight) come before the range.
        Assert.All(facts.TakeWhile(f => f.At < from), f => Assert.NotNull(f.Presence));
        Assert.Equal(Shape.Conversations, facts.Count(f => f is { Kind: K.Queued, Detail: "arrival" } && f.At >= from && f.At < Shape.To.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public void The_mix_is_a_contact_center_s()
    {
        var facts = Facts.Value;
        double Share(Func<ReportEventRecord, bool> which) => facts.Count(which) / (double)Shape.Conversations;
        var abandons = facts.Where(f => f.Kind == K.Abandoned).ToList();
        Assert.InRange(Share(f => f is { Kind: K.Accepted, Detail: "offer" or "picked" }), 0.90, 1.0); // answers (transfers to a queue answer twice)
        Assert.InRange(abandons.Count / (double)Shape.Conversations, 0.05, 0.09);
        Assert.InRange(abandons.Count(f => f.DurationMs <= 5000) / (double)abandons.Count, 0.25, 0.45); // short abandons
        Assert.InRange(Share(f => f.Kind == K.Expired), 0.003, 0.02);
        Assert.InRange(Share(f => f.Kind == K.Overflowed), 0.015, 0.05);
        Assert.InRange(Share(f => f is { Kind: K.Transferred, Detail: "queue" }), 0.01, 0.05);
        Assert.InRange(Share(f => f is { Kind: K.Transferred, Detail: "agent" }), 0.01, 0.05);
        Assert.InRange(Share(f => f.Kind == K.Rated), 0.15, 0.35);
        Assert.Contains(facts, f => f is { Kind: K.Ended, Detail: "inactivity" });
        Assert.Contains(facts, f => f.Kind == K.Declined);
        Assert.Contains(facts, f => f.Kind == K.OfferTimedOut);
        Assert.Contains(facts, f => f is { Presence: "DoNotDisturb", Detail: "Training" });
        Assert.Contains(facts, f => f is { Presence: "Away", Detail: "Lunch" });
        Assert.Contains(facts, f => f is { Status: "ExternalBusy" });
        Assert.Contains(facts, f => f is { Status: "Busy" });
        Assert.Contains(facts, f => f.Kind == K.WrapUpEnded);
        // Answered within 20 s: most, not all.
        var waits = facts.Where(f => f is { Kind: K.Accepted, Detail: "offer" or "picked" }).Select(f => f.DurationMs!.Value).ToList();
        Assert.InRange(waits.Count(w => w <= 20_000) / (double)waits.Count, 0.5, 0.9);
    }

    [Fact]
    public void Night_shifts_sign_in_before_midnight_and_out_after_it()
    {
        var zone = Shape.TimeZone;
        LocalDateTime Local(long at) => Instant.FromUnixTimeMilliseconds(at).InZone(zone).LocalDateTime;
        var overnight = 0;
        foreach (var agent in Facts.Value.Where(f => f.Kind is K.SignedIn or K.SignedOut).GroupBy(f => f.Agent))
        {
            var rows = agent.ToList();
            for (var i = 0; i + 1 < rows.Count; i++)
            {
                if (rows[i].Kind == K.SignedIn && rows[i + 1].Kind == K.SignedOut && Local(rows[i].At).Date < Local(rows[i + 1].At).Date)
                {
                    overnight++;
                }
            }
        }

        // A tenth of the agents work nights, five nights a week (a reload now and then splits a night in two).
        var nights = Shape.Agents / 10 * Shape.Days * 5 / 7;
        Assert.InRange(overnight, nights * 8 / 10, nights * 11 / 10);
    }

    [Fact]
    public void The_same_shape_gives_the_same_facts_and_another_seed_others()
    {
        var again = new YearSimulation(Shape).Facts().Take(5000).ToList();
        Assert.Equal(Facts.Value.Take(5000).Select(Key), again.Select(Key));
        var other = new YearSimulation(Shape with { Seed = Shape.Seed + 1 }).Facts().Take(5000).Select(Key);
        Assert.NotEqual(again.Select(Key), other);
    }

    private static (long, string, Guid?, string?, long?) Key(ReportEventRecord f) => (f.At, f.Kind, f.ConversationId, f.Agent, f.DurationMs);
}
