using BenchmarkDotNet.Running;
using Parley.Routing.Bench;

if (args.Contains("--latency"))
{
    Modes.Latency(args);
}
else if (args.Contains("--memory"))
{
    Modes.Memory();
}
else if (args.Contains("--verify"))
{
    Modes.Verify(args);
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(RoutingBenchmarks).Assembly).Run(args);
}
