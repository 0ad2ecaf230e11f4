using System.Diagnostics;
using Parley.Load.Measurement;
using Parley.Load.Reporting;

namespace Parley.Bench.Tests;

/// <summary>The load tool's CPU per delivered message: over the measured window only, between two snapshots.</summary>
public sealed class CpuWhileMeasuringTests
{
    private const long Opened = 1_000_000;
    private static readonly long TwoSecondsLater = Opened + 2 * Stopwatch.Frequency;

    [Fact]
    public void CPU_seconds_in_the_window_are_divided_by_the_messages_delivered_in_it_and_by_its_wall_time()
    {
        var start = new WindowSnapshot(Opened, Delivered: 100, ServerPid: 42, Reading(Opened, 10.0), Reading(Opened, 5.0));
        var end = new WindowSnapshot(TwoSecondsLater, Delivered: 4_100, ServerPid: 42, Reading(TwoSecondsLater, 13.0), Reading(TwoSecondsLater, 6.0));

        var cpu = CpuWhileMeasuring.Between(start, end)!;

        Assert.Equal(2.0, cpu.Seconds);
        Assert.Equal(4_000, cpu.Delivered);
        // Server: 3 CPU seconds in 2 s for 4,000 messages; the tool: 1 CPU second.
        Assert.Equal(new ProcessCpu(CpuSeconds: 3.0, CpuPercent: 150.0, MsPerMessage: 0.75), cpu.Server);
        Assert.Equal(new ProcessCpu(CpuSeconds: 1.0, CpuPercent: 50.0, MsPerMessage: 0.25), cpu.Client);
    }

    [Fact]
    public void A_server_restarted_within_the_window_has_no_figure_since_its_CPU_time_started_again()
    {
        var start = new WindowSnapshot(Opened, 0, ServerPid: 42, Reading(Opened, 10.0), Reading(Opened, 5.0));
        var restarted = new WindowSnapshot(TwoSecondsLater, 4_000, ServerPid: 43, Reading(TwoSecondsLater, 12.0), Reading(TwoSecondsLater, 6.0));
        var down = restarted with { ServerPid = null, Server = null };

        Assert.Null(CpuWhileMeasuring.Between(start, restarted)!.Server);
        Assert.Null(CpuWhileMeasuring.Between(start, down)!.Server);
        Assert.Equal(0.25, CpuWhileMeasuring.Between(start, restarted)!.Client!.MsPerMessage);
    }

    [Fact]
    public void Nothing_delivered_gives_the_CPU_but_no_cost_per_message()
    {
        var start = new WindowSnapshot(Opened, 7, ServerPid: 42, Reading(Opened, 10.0), null);
        var end = new WindowSnapshot(TwoSecondsLater, 7, ServerPid: 42, Reading(TwoSecondsLater, 11.0), null);

        var cpu = CpuWhileMeasuring.Between(start, end)!;

        Assert.Equal(new ProcessCpu(1.0, 50.0, null), cpu.Server);
        Assert.Null(cpu.Client);
    }

    private static ProcessReading Reading(long ticks, double cpuSeconds) => new(ticks, RssKb: 1024, PeakRssKb: 1024, Threads: 10, cpuSeconds);
}
