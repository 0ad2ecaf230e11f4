using System.Collections.Concurrent;
using Parley.Load.Measurement;
using Parley.Load.Reporting;
using Parley.Load.Targets;
using Spectre.Console;

namespace Parley.Load.Scenarios;

/// <summary>What a scenario works with: the target, the parameters, and where it records what it saw.</summary>
public sealed class RunContext
{
    private readonly ConcurrentQueue<PhaseMark> _phases = new();
    private readonly ConcurrentQueue<string> _notes = new();
    private string _phase = "start";
    private int _serverPid;

    internal RunContext(LoadOptions options, ScenarioParameters parameters, ITargetDriver driver, IAnsiConsole console, CancellationToken cancellation)
    {
        Options = options;
        Parameters = parameters;
        Driver = driver;
        Console = console;
        Cancellation = cancellation;
        Metrics = new Metrics();
        Ledger = new MessageLedger(Metrics);
        StartTicks = Clock.Now;
        ServerPid = options.ServerPid;
        Random = new Random(options.Seed);
    }

    public LoadOptions Options { get; }

    /// <summary>The server the tool started (<c>--server-command</c>), if any.</summary>
    public ServerHost? Server { get; internal set; }

    /// <summary>The server's process id for /proc readings: <c>--server-pid</c>, or the one the tool started (it changes when the server is restarted).</summary>
    public int? ServerPid
    {
        get => Volatile.Read(ref _serverPid) is var pid && pid != 0 ? pid : null;
        set => Volatile.Write(ref _serverPid, value ?? 0);
    }

    public ScenarioParameters Parameters { get; }

    public ITargetDriver Driver { get; }

    public IAnsiConsole Console { get; }

    public CancellationToken Cancellation { get; }

    public Metrics Metrics { get; }

    public MessageLedger Ledger { get; }

    /// <summary>The run's zero on the timeline.</summary>
    public long StartTicks { get; }

    /// <summary>Seeded by <c>--seed</c> (the Poisson schedule). Used from the scheduling loop only.</summary>
    public Random Random { get; }

    /// <summary>Scenario-specific results, written into the JSON under <c>details</c> and listed in the summary.</summary>
    public ConcurrentDictionary<string, object?> Details { get; } = new(StringComparer.Ordinal);

    /// <summary>The intended start and end of the measured message window (ticks), for throughput.</summary>
    public (long Start, long End)? MessageWindow { get; set; }

    /// <summary>The processes' CPU over the measured window, from snapshots at its start and end.</summary>
    public CpuWhileMeasuring? CpuWhileMeasuring { get; set; }

    public string Phase => Volatile.Read(ref _phase);

    public IReadOnlyList<PhaseMark> Phases => [.. _phases];

    public IReadOnlyList<string> Notes => [.. _notes];

    /// <summary>Seconds since the run started.</summary>
    public double Elapsed(long ticks) => Math.Round(Clock.Seconds(StartTicks, ticks), 3);

    public void SetPhase(string phase)
    {
        Volatile.Write(ref _phase, phase);
        _phases.Enqueue(new PhaseMark(Elapsed(Clock.Now), phase));
    }

    /// <summary>Something the reader of the result must know (a shortfall, a limit hit); printed and written to the summary.</summary>
    public void Note(string note)
    {
        _notes.Enqueue(note);
        Console.MarkupLineInterpolated($"[yellow]note:[/] {note}");
    }

    /// <summary>The server's current reading, when <c>--server-pid</c> was given.</summary>
    public ProcessReading? ServerReading() => ServerPid is { } pid ? ProcessStats.Read(pid) : null;
}

/// <summary>When (seconds since the start) the run entered a phase.</summary>
public sealed record PhaseMark(double At, string Phase);
