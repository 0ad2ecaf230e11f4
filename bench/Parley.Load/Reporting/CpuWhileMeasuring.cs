using Parley.Load.Measurement;

namespace Parley.Load.Reporting;

/// <summary>
/// CPU over the measured window only (after the warm-up, before the drain): between two
/// <see cref="WindowSnapshot"/>s, the CPU seconds each process consumed and the messages delivered (both ways,
/// resumed ones included, echoes not) in the same interval.
/// </summary>
/// <param name="Seconds">Wall time between the two snapshots.</param>
/// <param name="Delivered">Messages delivered between them.</param>
/// <param name="Server">Null when the server was not read, or was restarted within the window.</param>
public sealed record CpuWhileMeasuring(double Seconds, long Delivered, ProcessCpu? Server, ProcessCpu? Client)
{
    public static CpuWhileMeasuring? Between(WindowSnapshot start, WindowSnapshot end)
    {
        var seconds = Clock.Seconds(start.Ticks, end.Ticks);
        if (seconds <= 0)
        {
            return null;
        }

        var delivered = end.Delivered - start.Delivered;
        var server = start.ServerPid == end.ServerPid ? ProcessCpu.Between(start.Server, end.Server, seconds, delivered) : null;
        return new CpuWhileMeasuring(Math.Round(seconds, 3), delivered, server, ProcessCpu.Between(start.Client, end.Client, seconds, delivered));
    }
}

/// <param name="CpuSeconds">User + system CPU seconds consumed in the window.</param>
/// <param name="CpuPercent">Of one core (200 = two cores busy).</param>
/// <param name="MsPerMessage">Milliseconds of CPU per delivered message (null when nothing was delivered).</param>
public sealed record ProcessCpu(double CpuSeconds, double CpuPercent, double? MsPerMessage)
{
    public static ProcessCpu? Between(ProcessReading? start, ProcessReading? end, double seconds, long delivered)
    {
        // A restarted process starts its CPU time again from zero.
        if (start is null || end is null || end.CpuSeconds < start.CpuSeconds)
        {
            return null;
        }

        var cpu = end.CpuSeconds - start.CpuSeconds;
        return new ProcessCpu(
            Math.Round(cpu, 2), Math.Round(cpu / seconds * 100, 1), delivered > 0 ? Math.Round(cpu * 1000 / delivered, 4) : null);
    }
}
