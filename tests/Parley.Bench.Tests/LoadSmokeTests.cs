using System.Globalization;
using System.Text.Json;
using Parley.Load;
using Parley.Load.Reporting;
using Parley.Server.Tests.Infrastructure;
using Spectre.Console;

namespace Parley.Bench.Tests;

/// <summary>
/// The load tool (bench/Parley.Load) in its smoke size against a real Parley on a loopback port: every scenario
/// runs to the end, accounts for every message and writes its result files. A fresh server per test, so one
/// scenario's agents and chats cannot meet another's.
/// </summary>
public sealed class LoadSmokeTests : IAsyncLifetime
{
    private ParleyServer _server = null!;
    private string _results = null!;

    public Task InitializeAsync()
    {
        _server = new ParleyServer();
        _results = Directory.CreateTempSubdirectory("parley-load-").FullName;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        ParleyServer.TryDelete(_results);
    }

    [Fact]
    public async Task Idle_opens_and_holds_every_connection()
    {
        var (result, log) = await RunAsync("idle");

        Clean(result, log);
        Assert.Equal(5, Detail(result, "connected"));
        Assert.Equal(5, Detail(result, "aliveAfterHold"));
        Assert.Equal(5, result.Latencies["connectCustomer"].Summary.Count);
        Assert.Equal(5, result.Latencies["check"].Summary.Count);
    }

    [Fact]
    public async Task Steady_delivers_every_message_once_both_ways()
    {
        var (result, log) = await RunAsync("steady");

        Clean(result, log);
        // 8 messages/s for 3 s over 4 conversations: evenly spaced, so exactly 24, half each way.
        Assert.Equal(24, result.Messages.Scheduled);
        Assert.Equal(12, result.Latencies["customerToAgent"].Summary.Count);
        Assert.Equal(12, result.Latencies["agentToCustomer"].Summary.Count);
        Assert.Equal(4, result.Latencies["startToAccept"].Summary.Count);
        Assert.Equal(4, Detail(result, "conversations"));
        // CPU over the measured window (the first message due → the last one sent: 23 intervals of 125 ms), per message delivered in it.
        var cpu = result.CpuWhileMeasuring!;
        Assert.InRange(cpu.Seconds, 2.5, 4);
        Assert.InRange(cpu.Delivered, 12, 24);
        Assert.True(cpu.Server!.MsPerMessage > 0, $"server CPU per message: {cpu.Server}");
        Assert.True(cpu.Client!.MsPerMessage > 0, $"client CPU per message: {cpu.Client}");
    }

    [Fact]
    public async Task Arrivals_routes_every_chat_to_an_agent_who_greets_and_closes_it()
    {
        var (result, log) = await RunAsync("arrivals");

        Clean(result, log);
        // 4 chats/s for 2 s: 8 chats, each with the agent's greeting and the customer's answer.
        Assert.Equal(8, Detail(result, "chatsArrived"));
        Assert.Equal(8, Detail(result, "chatsAssigned"));
        Assert.Equal(8, Detail(result, "chatsClosed"));
        Assert.Equal(16, result.Messages.Scheduled);
        Assert.Equal(8, result.Latencies["startToOffer"].Summary.Count);
        Assert.Equal(8, result.Latencies["startToAccept"].Summary.Count);
    }

    [Fact]
    public async Task Reconnect_storm_brings_every_dropped_customer_back_with_every_missed_message_once()
    {
        var (result, log) = await RunAsync("reconnect-storm");

        Clean(result, log);
        // 12 messages/s for 4 s over 6 conversations; 4 of the 6 customers are cut off at 1.5 s for 0.5 s, while
        // the agents write to them (the schedule's fourth round, 1.5–1.9 s, is all agent → customer).
        Assert.Equal(48, result.Messages.Scheduled);
        Assert.Equal(4, Detail(result, "dropped"));
        Assert.Equal(4, Detail(result, "reconnected"));
        Assert.Equal(4, result.Latencies["reconnect"].Summary.Count);
        Assert.True(Convert.ToInt64(result.Details["missedAndResumed"], CultureInfo.InvariantCulture) > 0, "No message was missed while away: the storm tested nothing.\n" + log);
    }

    [Fact]
    public async Task Crash_keeps_every_acknowledged_message_and_delivers_it_after_resume()
    {
        // A real server process: the tool kills it with SIGKILL and starts it again on the same data directory.
        await using var process = new ServerProcess(new Dictionary<string, string?>());

        var (result, log) = await RunAsync("crash", process.BaseAddress, process.ShellCommand());

        Clean(result, log);
        Assert.Equal(40, result.Messages.Scheduled);
        Assert.Equal(2, Detail(result, "agentsReconnected"));
        Assert.Equal(4, Detail(result, "customersReconnected"));
        Assert.Equal(40L, result.Details["historyAcknowledgedChecked"]);
        Assert.Equal(0L, result.Details["historyMissing"]);
        Assert.Equal(0L, result.Details["historyDuplicated"]);
        Assert.Equal(0L, result.Details["historyUnread"]);
        Assert.True(Convert.ToInt64(result.Details["acknowledgedBeforeCrash"], CultureInfo.InvariantCulture) > 0, "The crash came before any message.\n" + log);
        // The restarted server's CPU time starts again from zero: no server figure for the window.
        Assert.Null(result.CpuWhileMeasuring!.Server);
    }

    private async Task<(LoadResult Result, string Log)> RunAsync(string scenario, Uri? baseAddress = null, string? serverCommand = null)
    {
        var options = new LoadOptions
        {
            Scenario = scenario,
            Smoke = true,
            BaseAddress = baseAddress ?? _server.BaseAddress,
            AdminPassword = ParleyServer.AgentPassword,
            OutputDirectory = Path.Combine(_results, scenario),
            // The in-process server's memory and CPU are this process's; a started one's, the tool reads itself.
            ServerPid = serverCommand is null ? Environment.ProcessId : null,
            ServerCommand = serverCommand,
            Quiet = true,
        };
        var log = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(log),
        });

        var result = await LoadRunner.RunAsync(options, console);

        await FilesWereWrittenAsync(result, scenario);
        return (result, log.ToString());
    }

    private static void Clean(LoadResult result, string log)
    {
        var m = result.Messages;
        Assert.True(result.Failure is null, $"The run failed: {result.Failure}\n{log}");
        Assert.True(result.ErrorTotal == 0, $"Errors: {string.Join("; ", result.Errors.Select(e => $"{e.Value} × {e.Key}"))}\n{log}");
        Assert.Empty(result.Notes);
        Assert.Equal(0, m.Lost);
        Assert.Equal(0, m.Duplicated);
        Assert.Equal(0, m.Pending);
        Assert.Equal(0, m.Failed);
        Assert.Equal(0, m.OutOfOrder);
        Assert.Equal(m.Scheduled, m.Sent);
        Assert.Equal(m.Scheduled, m.Acknowledged);
        Assert.Equal(m.Scheduled, m.Delivered);
        Assert.True(result.Clean);
        Assert.NotNull(result.Server);
        Assert.NotNull(result.Client);
    }

    private static int Detail(LoadResult result, string name) => Assert.IsType<int>(result.Details[name]);

    private static async Task FilesWereWrittenAsync(LoadResult result, string scenario)
    {
        var files = result.Files!;
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(files.Json)))
        {
            Assert.Equal(scenario, json.RootElement.GetProperty("scenario").GetString());
            Assert.Equal(result.Messages.Delivered, json.RootElement.GetProperty("messages").GetProperty("delivered").GetInt64());
            Assert.NotEqual(0, json.RootElement.GetProperty("timeline").GetArrayLength());
        }

        var summary = await File.ReadAllTextAsync(files.Markdown);
        Assert.Contains($"# Load run: {scenario} against parley (smoke)", summary, StringComparison.Ordinal);
        Assert.Contains("latency.png", summary, StringComparison.Ordinal);

        foreach (var chart in new[] { files.LatencyChart, files.ResourceChart! })
        {
            var png = await File.ReadAllBytesAsync(chart);
            Assert.True(png.Length > 1000, $"{chart} has {png.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            // The IHDR chunk: width and height, big-endian, at bytes 16–23.
            Assert.Equal(1400, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
            Assert.Equal(700, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
        }
    }
}
