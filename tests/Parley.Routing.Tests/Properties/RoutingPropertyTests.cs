// Property-based tests of the routing engine: random worlds (2–4 queues, 2–6 agents, random settings) and random
// command sequences (20–60 commands, time steps included), with the invariants of Invariants.cs checked after every
// command.
//
// CI runs 10,000 sequences from a fixed seed (deterministic: sequence i is generated from PCG seed SplitMix(seed + i),
// whatever the number of threads). A failure is shrunk with CsCheck from that case and printed as a story: the world,
// then each concrete command with its events, up to the broken invariant.
//
// Longer run (opt-in), e.g. 200,000 sequences, optionally from another seed:
//   PARLEY_PROPERTY_ITERATIONS=200000 [PARLEY_PROPERTY_SEED=12345] \
//     dotnet test tests/Parley.Routing.Tests --filter "FullyQualifiedName~RoutingPropertyTests" --logger "console;verbosity=detailed"
// Measured on the 2-core dev box (2026-11-23): PARLEY_PROPERTY_ITERATIONS=200000 passed, 7,991,106 commands in
// 157 s (2 min 38 s wall); the CI run of 10,000 sequences (399,492 commands) takes about 10 s alone.
// Reproduce and shrink a reported failure: PARLEY_PROPERTY_REPLAY="<CsCheck seed printed in the failure>" with the
// same filter (PARLEY_PROPERTY_SHRINK_SECONDS sets how long to shrink, default 30).
using System.Diagnostics;
using System.Globalization;
using CsCheck;
using Xunit.Abstractions;

namespace Parley.Routing.Tests.Properties;

public class RoutingPropertyTests(ITestOutputHelper output)
{
    private const ulong DefaultSeed = 20250106;
    private const long DefaultIterations = 10_000;

    [Fact]
    public void Invariants_hold_after_every_command_of_random_command_sequences()
    {
        if (Environment.GetEnvironmentVariable("PARLEY_PROPERTY_REPLAY") is { Length: > 0 } replay)
        {
            Shrink(replay);
            return;
        }

        var iterations = long.TryParse(Environment.GetEnvironmentVariable("PARLEY_PROPERTY_ITERATIONS"), CultureInfo.InvariantCulture, out var n) ? n : DefaultIterations;
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("PARLEY_PROPERTY_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var commands = 0L;
        var next = -1L;
        string? failure = null;
        var failingCase = long.MaxValue;
        var stopwatch = Stopwatch.StartNew();

        void Worker()
        {
            var local = new Dictionary<string, long>(StringComparer.Ordinal);
            long i;
            while ((i = Interlocked.Increment(ref next)) < iterations && i < Volatile.Read(ref failingCase))
            {
                var pcg = new PCG(0, SplitMix(seed + (ulong)i));
                var state = pcg.State;
                var scenario = ScenarioGen.Scenario.Generate(pcg, null, out _);
                try
                {
                    ScenarioRun.Run(scenario, counts: local);
                    Interlocked.Add(ref commands, scenario.Commands.Length);
                }
#pragma warning disable CA1031 // Any exception is a failing case: it is reported and shrunk below.
                catch (Exception)
#pragma warning restore CA1031
                {
                    lock (counts)
                    {
                        // The lowest failing case wins, so the report does not depend on thread timing.
                        if (i < failingCase)
                        {
                            failingCase = i;
                            failure = pcg.ToString(state);
                        }
                    }
                }
            }

            lock (counts)
            {
                foreach (var (key, value) in local)
                {
                    counts[key] = counts.GetValueOrDefault(key) + value;
                }
            }
        }

        var threads = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Thread(Worker)).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        output.WriteLine($"{Math.Min(iterations, failingCase):N0} sequences, {commands:N0} commands, seed {seed}, {stopwatch.Elapsed.TotalSeconds:0.0} s");
        foreach (var (key, value) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {key}: {value:N0}");
        }

        if (failure is not null)
        {
            output.WriteLine($"sequence {failingCase} failed (CsCheck seed {failure}); shrinking…");
            Shrink(failure);
            Assert.Fail($"sequence {failingCase} (CsCheck seed {failure}) failed, but the shrinker could not reproduce it");
        }
    }

    /// <summary>Shrinks from the failing case with CsCheck; throws with the smallest failing sequence, printed as a story.</summary>
    private static void Shrink(string seed)
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("PARLEY_PROPERTY_SHRINK_SECONDS"), CultureInfo.InvariantCulture, out var t) ? t : 30;
        ScenarioGen.Scenario.Sample(s => ScenarioRun.Run(s), seed: seed, time: seconds, print: ScenarioRun.Story);
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
