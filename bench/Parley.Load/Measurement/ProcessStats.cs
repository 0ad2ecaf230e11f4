using System.Diagnostics;
using System.Globalization;

namespace Parley.Load.Measurement;

/// <summary>One reading of a process from <c>/proc/&lt;pid&gt;/status</c> and <c>/proc/&lt;pid&gt;/stat</c>.</summary>
/// <param name="CpuSeconds">User + system CPU time so far.</param>
public sealed record ProcessReading(long Ticks, long RssKb, long PeakRssKb, int Threads, double CpuSeconds);

/// <summary>Reads a process's memory and CPU the way <c>top</c> does; on other systems, only this process (from the runtime).</summary>
public static class ProcessStats
{
    /// <summary>Clock ticks per second in <c>/proc/&lt;pid&gt;/stat</c> (USER_HZ): 100 on every Linux architecture .NET runs on.</summary>
    private const double UserHz = 100.0;

    public static ProcessReading? Read(int pid)
    {
        try
        {
            if (!OperatingSystem.IsLinux())
            {
                return pid == Environment.ProcessId ? ReadSelfPortable() : null;
            }

            long rss = 0, peak = 0;
            var threads = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kilobytes(line);
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
                }
            }

            // Field 2 (comm) may hold spaces and parentheses: the fields after it start after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // rest[0] is field 3 (state): utime is field 14, stime field 15.
            var cpu = (long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture)) / UserHz;
            return new ProcessReading(Clock.Now, rss, peak, threads, cpu);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // The process ended, or this is not a Linux /proc.
        }
    }

    /// <summary>CPU use between two readings, in percent of one core (200 = two cores busy).</summary>
    public static double? CpuPercent(ProcessReading? from, ProcessReading? to)
    {
        if (from is null || to is null)
        {
            return null;
        }

        var wall = Clock.Seconds(from.Ticks, to.Ticks);
        // A restarted server is another process: its CPU time starts again from zero.
        return wall <= 0 || to.CpuSeconds < from.CpuSeconds ? null : Math.Round((to.CpuSeconds - from.CpuSeconds) / wall * 100, 1);
    }

    private static ProcessReading ReadSelfPortable()
    {
        using var self = Process.GetCurrentProcess();
        return new ProcessReading(Clock.Now, self.WorkingSet64 / 1024, self.PeakWorkingSet64 / 1024, self.Threads.Count, self.TotalProcessorTime.TotalSeconds);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
}
