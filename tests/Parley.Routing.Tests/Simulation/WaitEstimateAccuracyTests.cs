// Accuracy of the engine's wait estimate (GetStandings at enqueue) against simulated traffic: see WaitSimulation.
// Print the table of all load levels and both handle-time distributions:
//   dotnet test tests/Parley.Routing.Tests --filter "FullyQualifiedName~WaitEstimateAccuracyTests.Table" --logger "console;verbosity=detailed"
using System.Globalization;
using Xunit.Abstractions;

namespace Parley.Routing.Tests.Simulation;

public class WaitEstimateAccuracyTests(ITestOutputHelper output)
{
    // Bounds from the measured values (seed 1, 7 simulated days; the Table test prints them all): at 85 % the MAE is
    // 35 % (log-normal) and 40 % (exponential) of the mean wait, 0.40–0.43 of the naive estimate's. The estimator
    // before offered chats counted as holding a slot measured 53 % and 59 % and overestimated by 30 %: these tests
    // failed on it.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Estimate_is_meaningfully_accurate_at_85_percent_utilisation_and_beats_the_naive_estimate(bool logNormal)
    {
        var result = WaitSimulation.Run(new SimulationConfig(0.85, logNormal));
        output.WriteLine(Header);
        output.WriteLine(Row(result));

        Assert.True(result.Chats > 20_000, $"only {result.Chats} chats measured");
        Assert.InRange(result.MeasuredUtilisation, 0.83, 0.87);
        Assert.True(result.RelativeMae <= 0.50, $"MAE {result.Mae:0.0} s is {result.RelativeMae:P0} of the mean wait {result.MeanWait:0.0} s");
        Assert.True(result.Mae <= 0.6 * result.NaiveMae, $"MAE {result.Mae:0.0} s is not clearly below the naive estimate's {result.NaiveMae:0.0} s");
        Assert.InRange(result.MeanEstimate / result.MeanWait, 0.8, 1.2); // no large bias either way
    }

    // At 70 % most chats are offered at once; the estimate must not promise several times the actual wait
    // (measured: mean estimate 0.75–0.78 of the mean wait; before, 2.4 times). At 95 % long queues dominate
    // (measured 1.05–1.06, MAE 25 % of the mean wait).
    [Theory]
    [InlineData(0.70, 0.6, 1.4, 0.75)]
    [InlineData(0.95, 0.8, 1.2, 0.35)]
    public void Estimate_is_unbiased_at_light_and_heavy_load(double load, double minRatio, double maxRatio, double maxRelativeMae)
    {
        var result = WaitSimulation.Run(new SimulationConfig(load));
        output.WriteLine(Header);
        output.WriteLine(Row(result));

        Assert.InRange(result.MeanEstimate / result.MeanWait, minRatio, maxRatio);
        Assert.True(result.RelativeMae <= maxRelativeMae, $"MAE {result.Mae:0.0} s is {result.RelativeMae:P0} of the mean wait {result.MeanWait:0.0} s");
        Assert.True(result.Mae < result.NaiveMae, $"MAE {result.Mae:0.0} s is not below the naive estimate's {result.NaiveMae:0.0} s");
    }

    // The reported case at scale: one agent at 3/3 while the recent handle times say little about the chats in progress.
    // The estimate that ignored the chats in progress told "under a minute" 964 times with 3 minutes or more still to
    // wait at 85 % (370 at 70 %); counting the time they have left, 138 (33), the rest of those readings honest "unknown".
    [Theory]
    [InlineData(0.70, 100)]
    [InlineData(0.85, 300)]
    public void Behind_a_busy_agent_whose_chats_run_long_the_estimate_rarely_promises_under_a_minute(double load, int maxFalsePromises)
    {
        var result = WaitSimulation.Run(new SimulationConfig(load, Scenario: SimulationScenario.ShiftingHandleTimes));
        output.WriteLine(Header);
        output.WriteLine(Row(result));

        Assert.True(result.FalsePromises <= maxFalsePromises, $"{result.FalsePromises} readings said under a minute with 3 minutes or more left");
        Assert.True(result.NoEstimateShare < 0.02, $"{result.NoEstimateShare:P1} of chats got no estimate");
    }

    // One busy agent and overflow (measured at 85 %: MAE 33 % and 47 % of the mean wait, below the naive estimate's).
    [Theory]
    [InlineData(SimulationScenario.OneBusyAgent, 0.40)]
    [InlineData(SimulationScenario.Overflow, 0.55)]
    public void Estimate_stays_accurate_with_one_busy_agent_and_with_overflow(SimulationScenario scenario, double maxRelativeMae)
    {
        var result = WaitSimulation.Run(new SimulationConfig(0.85, Scenario: scenario));
        output.WriteLine(Header);
        output.WriteLine(Row(result));

        Assert.True(result.RelativeMae <= maxRelativeMae, $"MAE {result.Mae:0.0} s is {result.RelativeMae:P0} of the mean wait {result.MeanWait:0.0} s");
        Assert.True(result.Mae < result.NaiveMae, $"MAE {result.Mae:0.0} s is not below the naive estimate's {result.NaiveMae:0.0} s");
    }

    [Fact]
    public void Table()
    {
        output.WriteLine(Header);
        foreach (var scenario in Enum.GetValues<SimulationScenario>())
        {
            foreach (var logNormal in scenario == SimulationScenario.TwoQueues ? new[] { true, false } : [true])
            {
                // Shifting handle times at 95 % overload the single agent for hours at a time: no steady state to measure.
                foreach (var load in scenario == SimulationScenario.ShiftingHandleTimes ? new[] { 0.70, 0.85 } : [0.70, 0.85, 0.95])
                {
                    output.WriteLine(Row(WaitSimulation.Run(new SimulationConfig(load, logNormal, Scenario: scenario))));
                }
            }
        }
    }

    private const string Header = "| scenario | handle times | load | measured load | chats | queued | mean wait | mean estimate | MAE | MAE ÷ mean | naive MAE | naive ÷ mean | no estimate | later readings | later MAE | later no estimate | under 1 min with ≥ 3 min left |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    private static string Row(SimulationResult r) => string.Create(CultureInfo.InvariantCulture,
        $"| {r.Config.Scenario} | {(r.Config.LogNormal ? "log-normal" : "exponential")} | {r.Config.Utilisation:P0} | {r.MeasuredUtilisation:P1} | {r.Chats:N0} | {r.QueuedShare:P0} | {r.MeanWait:0.0} s | {r.MeanEstimate:0.0} s | {r.Mae:0.0} s | {r.RelativeMae:P0} | {r.NaiveMae:0.0} s | {r.RelativeNaiveMae:P0} | {r.NoEstimateShare:P1} | {r.LaterReadings:N0} | {r.LaterMae:0.0} s | {r.LaterNoEstimateShare:P1} | {r.FalsePromises:N0} |");
}
