using System.Globalization;
using System.Runtime.InteropServices;
using Parley.Load.Measurement;
using Parley.Load.Reporting;
using Parley.Load.Scenarios;
using Parley.Load.Targets;
using Spectre.Console;

namespace Parley.Load;

/// <summary>Runs one scenario against one target and writes the result files. The command line and the tests both call this.</summary>
public static class LoadRunner
{
    /// <summary>The scenario's parameters: its preset, then the overrides, then <see cref="LoadOptions.Adjust"/>.</summary>
    public static (IScenario Scenario, ScenarioParameters Parameters) Resolve(LoadOptions options)
    {
        var scenario = ScenarioRegistry.Find(options.Scenario)
            ?? throw new UsageException($"Unknown scenario '{options.Scenario}'. Use one of: {string.Join(", ", ScenarioRegistry.All.Select(s => s.Name))}.");
        if (!TargetDrivers.Names.Contains(options.Target))
        {
            throw new UsageException($"Unknown target '{options.Target}'. Use one of: {string.Join(", ", TargetDrivers.Names)}.");
        }

        var parameters = new ScenarioParameters();
        scenario.ApplyPreset(parameters, options.Smoke);
        foreach (var (name, value) in options.Overrides)
        {
            var parameter = ScenarioParameters.Find(name) ?? throw new UsageException($"Unknown parameter --{name}.");
            try
            {
                parameter.Parse(parameters, value);
            }
            catch (FormatException e)
            {
                throw new UsageException($"--{name}: {e.Message}", e);
            }

            if (!scenario.Parameters.Contains(name))
            {
                throw new UsageException($"--{name} does not apply to the {scenario.Name} scenario (it uses: {string.Join(", ", scenario.Parameters)}).");
            }
        }

        options.Adjust?.Invoke(parameters);
        var problems = scenario.Validate(parameters, options).ToList();
        if (options.AgentPassword.Length < 12)
        {
            problems.Add("--agent-password must have at least 12 characters.");
        }

        return problems.Count > 0 ? throw new UsageException(string.Join(" ", problems)) : (scenario, parameters);
    }

    public static async Task<LoadResult> RunAsync(LoadOptions options, IAnsiConsole? console = null, CancellationToken cancellationToken = default)
    {
        console ??= AnsiConsole.Console;
        var (scenario, parameters) = Resolve(options);
        var startedAt = DateTimeOffset.UtcNow;
        var directory = options.OutputDirectory
            ?? Path.Combine("bench", "results", $"{scenario.Name}-{(options.Target == "parley" ? "" : options.Target + "-")}{startedAt:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(directory);
        var shown = scenario.Parameters.ToDictionary(n => n, n => ScenarioParameters.Find(n)!.Format(parameters), StringComparer.Ordinal);
        PrintParameters(console, options, scenario, shown);

        await using var driver = TargetDrivers.Create(options);
        var context = new RunContext(options, parameters, driver, console, cancellationToken);
        await using var server = options.ServerCommand is { } command ? new ServerHost(command, options.BaseAddress, Path.Combine(directory, "server.log")) : null;
        string? failure = null;
        Timeline? timeline = null;
        try
        {
            if (server is not null)
            {
                context.Server = server;
                var took = await server.StartAsync(cancellationToken);
                context.ServerPid = server.Pid;
                context.Details["serverStartSeconds"] = Math.Round(took.TotalSeconds, 2);
                console.MarkupLineInterpolated($"started the server (pid {server.Pid}) in {took.TotalSeconds:0.0} s");
            }

            timeline = new Timeline(context, ProgressEvery(parameters));
            await scenario.RunAsync(context);
        }
        catch (Exception e)
        {
            // Stopped (Ctrl-C) or failed: the result files are still written, with what was measured so far.
            failure = e is OperationCanceledException && cancellationToken.IsCancellationRequested ? "stopped before the end" : Metrics.Describe(e);
            console.MarkupLineInterpolated($"[red]The run did not finish:[/] {failure}");
        }
        finally
        {
            context.SetPhase("end");
            timeline ??= new Timeline(context, ProgressEvery(parameters));
            await timeline.DisposeAsync();
        }

        var ended = Clock.Now;
        var result = Build(context, scenario, shown, startedAt, Clock.Seconds(context.StartTicks, ended), failure, timeline);
        var files = new ResultFiles(
            directory,
            Path.Combine(directory, "result.json"),
            Path.Combine(directory, "summary.md"),
            Path.Combine(directory, "latency.png"),
            result.Timeline.Any(p => p.ServerRssMb is not null || p.ClientRssMb is not null) ? Path.Combine(directory, "resources.png") : null);
        await Reports.WriteJsonAsync(result, files.Json, CancellationToken.None);
        Charts.Latency(result, scenario.ChartLatencies, files.LatencyChart);
        if (files.ResourceChart is not null)
        {
            Charts.Resources(result, files.ResourceChart);
        }

        await File.WriteAllTextAsync(files.Markdown, Reports.Markdown(result, files.LatencyChart, files.ResourceChart), CancellationToken.None);
        result = result with { Files = files };
        PrintSummary(console, result);
        return result;
    }

    private static int ProgressEvery(ScenarioParameters parameters) => parameters.Duration.TotalMinutes > 3 ? 10 : parameters.Duration.TotalMinutes > 1 ? 5 : 1;

    private static LoadResult Build(
        RunContext context, IScenario scenario, IReadOnlyDictionary<string, string> parameters, DateTimeOffset startedAt, double seconds, string? failure, Timeline timeline)
    {
        var accounting = context.Ledger.Accounting();
        Throughput? throughput = null;
        if (context.MessageWindow is { } window && accounting.Scheduled > 0)
        {
            var windowSeconds = Clock.Seconds(window.Start, window.End);
            throughput = new Throughput(
                Math.Round(windowSeconds, 3), accounting.Measured, accounting.MeasuredDelivered,
                Math.Round(accounting.Measured / windowSeconds, 1), Math.Round(accounting.MeasuredDelivered / windowSeconds, 1));
        }

        return new LoadResult
        {
            Scenario = scenario.Name,
            ScenarioSummary = scenario.Summary,
            Target = context.Driver.Name,
            BaseAddress = context.Options.BaseAddress.ToString(),
            Smoke = context.Options.Smoke,
            StartedAt = startedAt,
            DurationSeconds = Math.Round(seconds, 3),
            Failure = failure,
            Parameters = parameters,
            Messages = accounting,
            Throughput = throughput,
            CpuWhileMeasuring = context.CpuWhileMeasuring,
            Latencies = context.Metrics.Latencies.ToDictionary(l => l.Name, l => new LatencyEntry(l.Description, l.Summary()), StringComparer.Ordinal),
            Counters = context.Metrics.Counters,
            ErrorTotal = context.Metrics.ErrorTotal,
            Errors = context.Metrics.Errors,
            Server = Timeline.Use(context.ServerPid, timeline.ServerReadings, [.. timeline.Points.Select(p => p.ServerCpuPercent)]),
            Client = Timeline.Use(Environment.ProcessId, timeline.ClientReadings, [.. timeline.Points.Select(p => p.ClientCpuPercent)]),
            Details = new SortedDictionary<string, object?>(context.Details, StringComparer.Ordinal),
            Notes = context.Notes,
            Phases = context.Phases,
            Timeline = timeline.Points,
            Machine = new Machine(RuntimeInformation.OSDescription, Environment.ProcessorCount, Environment.Version.ToString(), Environment.MachineName),
        };
    }

    private static void PrintParameters(IAnsiConsole console, LoadOptions options, IScenario scenario, IReadOnlyDictionary<string, string> shown)
    {
        var table = new Table().Title($"{scenario.Name}{(options.Smoke ? " (smoke)" : "")} → {options.Target} at {options.BaseAddress}").AddColumns("parameter", "value", "meaning");
        foreach (var (name, value) in shown)
        {
            table.AddRow(Markup.Escape("--" + name), Markup.Escape(value), Markup.Escape(ScenarioParameters.Find(name)!.Description));
        }

        console.MarkupLineInterpolated($"[bold]{scenario.Summary}[/]");
        console.Write(table);
    }

    private static void PrintSummary(IAnsiConsole console, LoadResult result)
    {
        var m = result.Messages;
        console.MarkupLineInterpolated(
            $"[bold]messages[/] scheduled {m.Scheduled} sent {m.Sent} acknowledged {m.Acknowledged} failed {m.Failed} delivered {m.Delivered} lost {m.Lost} duplicated {m.Duplicated} pending {m.Pending}");
        var table = new Table().AddColumns("latency (ms)", "count", "p50", "p90", "p99", "p99.9", "max");
        foreach (var (name, entry) in result.Latencies.Where(l => l.Value.Summary.Count > 0))
        {
            var s = entry.Summary;
            table.AddRow(name, s.Count.ToString(CultureInfo.InvariantCulture), F(s.P50), F(s.P90), F(s.P99), F(s.P999), F(s.Max));
        }

        console.Write(table);
        if (result.Throughput is { } t)
        {
            console.MarkupLineInterpolated($"throughput {t.ScheduledPerSecond} msg/s scheduled, {t.DeliveredPerSecond} msg/s delivered over {t.WindowSeconds} s");
        }

        if (result.CpuWhileMeasuring is { } cpu)
        {
            console.MarkupLineInterpolated($"while measuring ({cpu.Seconds} s, {cpu.Delivered} delivered): {Cpu("server", cpu.Server)}; {Cpu("load tool", cpu.Client)}");
        }

        if (result.Server is { } server)
        {
            console.MarkupLineInterpolated($"server pid {server.Pid}: RSS {server.RssStartMb} → {server.RssEndMb} MB (max {server.RssMaxMb}), CPU avg {server.CpuPercent} % max {server.CpuPercentMax} %");
        }

        foreach (var (kind, count) in result.Errors)
        {
            console.MarkupLineInterpolated($"[red]error[/] {count} × {kind}");
        }

        console.MarkupLine($"{(result.Clean ? "[green]clean[/]" : "[yellow]not clean[/]")} — results in {Markup.Escape(result.Files?.Directory ?? "")}");
    }

    private static string Cpu(string process, ProcessCpu? cpu) =>
        cpu is null ? $"{process} not read" : string.Create(CultureInfo.InvariantCulture, $"{process} {cpu.CpuPercent} % CPU, {F(cpu.MsPerMessage)} ms CPU per message");

    private static string F(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "—";
}
