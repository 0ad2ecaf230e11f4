namespace Parley.Load.Scenarios;

/// <summary>
/// A named load pattern. To add one: implement this, register it in
/// <see cref="ScenarioRegistry"/>, and use the <see cref="RunContext"/>'s driver, ledger and metrics; the runner
/// does the rest (parameters, progress, timeline, server readings, result files).
/// </summary>
public interface IScenario
{
    string Name { get; }

    /// <summary>One sentence for <c>--help</c> and the summary.</summary>
    string Summary { get; }

    /// <summary>The <see cref="ScenarioParameters"/> it reads (by flag name), printed with the run.</summary>
    IReadOnlyList<string> Parameters { get; }

    /// <summary>The latencies (by recorder name) drawn on the latency-over-time chart.</summary>
    IReadOnlyList<string> ChartLatencies { get; }

    /// <summary>Fills the preset: the full-size run, or the few-seconds smoke run.</summary>
    void ApplyPreset(ScenarioParameters parameters, bool smoke);

    /// <summary>Problems with the parameters or the options (each stops the run), after the overrides.</summary>
    IEnumerable<string> Validate(ScenarioParameters parameters, LoadOptions options);

    Task RunAsync(RunContext context);
}

/// <summary>The scenarios by name. New ones register here (or with <see cref="Register"/> before a run).</summary>
public static class ScenarioRegistry
{
    private static readonly Dictionary<string, IScenario> Scenarios = new(StringComparer.Ordinal);

    static ScenarioRegistry()
    {
        Register(new IdleScenario());
        Register(new SteadyScenario());
        Register(new ArrivalsScenario());
        Register(new ReconnectStormScenario());
        Register(new CrashScenario());
    }

    public static IReadOnlyList<IScenario> All
    {
        get
        {
            lock (Scenarios)
            {
                return [.. Scenarios.Values];
            }
        }
    }

    public static void Register(IScenario scenario)
    {
        lock (Scenarios)
        {
            Scenarios[scenario.Name] = scenario;
        }
    }

    public static IScenario? Find(string name)
    {
        lock (Scenarios)
        {
            return Scenarios.GetValueOrDefault(name);
        }
    }
}
