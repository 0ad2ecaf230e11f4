using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Parley.Routing.Bench;

/// <summary>The modes besides BenchmarkDotNet: true per-assignment latency, memory growth, engine = naive check.</summary>
public static class Modes
{
    /// <summary>
    /// Times every single operation with <see cref="Stopwatch"/> on one thread after a warm-up and prints the
    /// percentiles and the throughput. <c>--ops N</c> (default 200,000), <c>--warmup N</c> (default 50,000),
    /// <c>--naive-ops N</c> (default 200; the naive baseline on the same world for the ratio; 0 skips it),
    /// <c>--path freed|arrival|all</c>.
    /// </summary>
    public static void Latency(string[] args)
    {
        var operations = Option(args, "--ops", 200_000);
        var warmup = Option(args, "--warmup", 50_000);
        var naiveOperations = Option(args, "--naive-ops", 200);
        PrintEnvironment();
        Console.WriteLine($"World: {WorldSize.Issue}");
        Console.WriteLine();
        Console.WriteLine("| Path | Router | Operations | Assigned | p50 | p90 | p99 | p99.9 | max | mean | operations/s |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var paths = Array.IndexOf(args, "--path") is var p and >= 0 && p + 1 < args.Length ? args[p + 1] : "all";
        const string Freed = "chat ends → freed agent takes best chat";
        const string Arrival = "chat arrives → best ready agent";
        if (paths is "all" or "freed")
        {
            var engine = Measure(Freed, "engine", WorldSize.Issue, naive: false, arrival: false, warmup, operations);
            if (naiveOperations > 0)
            {
                var naive = Measure(Freed, "naive", WorldSize.Issue, naive: true, arrival: false, Math.Min(warmup, 20), naiveOperations);
                Console.WriteLine($"| Speed-up (naive mean / engine mean) | {naive / engine:N0}× | | | | | | | | | |");
            }
        }

        if (paths is "all" or "arrival")
        {
            var engine = Measure(Arrival, "engine", WorldSize.AllReady, naive: false, arrival: true, warmup, operations);
            if (naiveOperations > 0)
            {
                var naive = Measure(Arrival, "naive", WorldSize.AllReady, naive: true, arrival: true, Math.Min(warmup, 20), naiveOperations);
                Console.WriteLine($"| Speed-up (naive mean / engine mean) | {naive / engine:N0}× | | | | | | | | | |");
            }
        }
    }

    /// <summary>The engine's managed heap after building worlds of growing size: it should grow linearly.</summary>
    public static void Memory()
    {
        PrintEnvironment();
        Build(new WorldSize(1_000, 500, 20, 10_000)); // Warm-up: JIT, statics.
        Console.WriteLine("| Agents | Waiting chats | Held chats | Engine heap | Bytes per (agent + chat) | Heap growth over 100,000 assignments |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var (agents, chats) in new[] { (5_000, 50_000), (10_000, 100_000), (20_000, 200_000) })
        {
            var size = WorldSize.Issue with { Agents = agents, WaitingChats = chats };
            var (heap, growth) = Build(size);
            var held = agents * size.HeldChats;
            Console.WriteLine($"| {agents:N0} | {chats:N0} | {held:N0} | {Mb(heap)} | {heap / (double)(agents + chats + held):N0} | {Mb(growth)} |");
        }
    }

    /// <summary>Runs the engine and the naive router side by side and checks they make the same assignments.</summary>
    public static void Verify(string[] args)
    {
        var operations = Option(args, "--ops", 2_000);
        foreach (var (size, arrival) in new[] { (WorldSize.Issue, false), (WorldSize.AllReady, true) })
        {
            var engine = Record(size, naive: false, arrival, operations);
            var naive = Record(size, naive: true, arrival, operations);
            var firstDifference = Enumerable.Range(0, Math.Min(engine.Count, naive.Count)).FirstOrDefault(i => engine[i] != naive[i], -1);
            var same = engine.Count == naive.Count && firstDifference < 0;
            Console.WriteLine($"{(arrival ? "arrival" : "freed agent")}: {operations:N0} operations, engine {engine.Count:N0} assignments, naive {naive.Count:N0}: "
                + (same ? "identical" : $"DIFFERENT at #{firstDifference}: engine {At(engine, firstDifference)}, naive {At(naive, firstDifference)}"));
            if (!same)
            {
                Environment.ExitCode = 1;
            }
        }
    }

    private static string At(List<Assignment> list, int i) => i >= 0 && i < list.Count ? list[i].ToString() : "none";

    private static List<Assignment> Record(WorldSize size, bool naive, bool arrival, int operations)
    {
        var driver = RoutingBenchmarks.BuildDriver(size, naive);
        var assignments = new List<Assignment>();
        driver.Observe = assignments.Add;
        for (var i = 0; i < operations; i++)
        {
            _ = arrival ? driver.Arrival() : driver.FreedAgent();
        }

        return assignments;
    }

    /// <returns>The mean in nanoseconds.</returns>
    private static double Measure(string path, string router, WorldSize size, bool naive, bool arrival, int warmup, int operations)
    {
        var driver = RoutingBenchmarks.BuildDriver(size, naive);
        for (var i = 0; i < warmup; i++)
        {
            _ = arrival ? driver.Arrival() : driver.FreedAgent();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var ticks = new long[operations];
        var assignmentTicks = arrival ? null : new long[operations];
        var assigned = 0L;
        var gcs = GC.CollectionCount(0);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < operations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            assigned += arrival ? driver.Arrival() : driver.FreedAgent();
            ticks[i] = Stopwatch.GetTimestamp() - start;
            if (assignmentTicks is not null)
            {
                assignmentTicks[i] = driver.LastAssignmentTicks;
            }
        }

        total.Stop();
        gcs = GC.CollectionCount(0) - gcs;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Array.Sort(ticks);
        string P(double p) => Time(ticks[Math.Min(ticks.Length - 1, (int)Math.Ceiling(p / 100 * ticks.Length) - 1)]);
        var meanNs = total.Elapsed.TotalNanoseconds / operations;
        var perSecond = operations / total.Elapsed.TotalSeconds;
        Console.WriteLine($"| {path} | {router} | {operations:N0} | {assigned:N0} | {P(50)} | {P(90)} | {P(99)} | {P(99.9)} | {Time(ticks[^1])} | {meanNs / 1000:N2} μs | {perSecond:N0} |");
        if (assignmentTicks is not null)
        {
            // The same run, counting only the assignment (End → offer → Accept), not the replacement chat's arrival.
            var busy = assignmentTicks.Sum();
            Array.Sort(assignmentTicks);
            string A(double p) => Time(assignmentTicks[Math.Min(assignmentTicks.Length - 1, (int)Math.Ceiling(p / 100 * assignmentTicks.Length) - 1)]);
            var seconds = (double)busy / Stopwatch.Frequency;
            Console.WriteLine($"| {path}, assignment only (no replacement arrival) | {router} | {operations:N0} | {assigned:N0} | {A(50)} | {A(90)} | {A(99)} | {A(99.9)} | {Time(assignmentTicks[^1])} | {seconds * 1e6 / operations:N2} μs | {operations / seconds:N0} |");
        }

        Console.Error.WriteLine($"  ({router}, {path}: {allocated / operations:N0} bytes allocated per operation (driver included), {gcs} gen0 GCs during the run, {driver.Router.WaitingCount:N0} chats waiting at the end, {driver.Idle:N0} operations assigned nothing)");
        return meanNs;
    }

    /// <returns>The engine's heap after building; how much the heap grew over 100,000 assignments on the same world.</returns>
    private static (long Heap, long Growth) Build(WorldSize size) => (Heap(size), Growth(size));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Heap(WorldSize size)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var router = new EngineRouter();
        router.Build(new World(size));
        var heap = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(router);
        return heap;
    }

    /// <summary>The same world driven for 100,000 assignments: the waiting pool keeps its size, so should the heap.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Growth(WorldSize size)
    {
        var driver = new Driver(new World(size), new EngineRouter());
        var start = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 100_000; i++)
        {
            driver.FreedAgent();
        }

        var growth = GC.GetTotalMemory(forceFullCollection: true) - start;
        GC.KeepAlive(driver);
        return growth;
    }

    private static void PrintEnvironment() =>
        Console.WriteLine($"{Environment.OSVersion}, .NET {Environment.Version}, {Environment.ProcessorCount} logical cores, "
            + $"server GC {System.Runtime.GCSettings.IsServerGC}, Stopwatch resolution {1e9 / Stopwatch.Frequency:N0} ns");

    private static string Time(long ticks)
    {
        var ns = ticks * 1e9 / Stopwatch.Frequency;
        return ns >= 1e6 ? $"{ns / 1e6:N2} ms" : $"{ns / 1e3:N1} μs";
    }

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:N1} MB";

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
