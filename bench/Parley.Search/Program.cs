using Parley.SearchBench;

try
{
    var options = SearchBenchOptions.Parse(args);
    var results = await SearchBenchRun.RunAsync(options, Console.Out);
    return results.All(r => r.P95 < options.TargetMs) ? 0 : 1;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
