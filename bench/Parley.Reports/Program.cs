using Parley.ReportBench;

try
{
    var options = BenchOptions.Parse(args);
    var markdown = await BenchRun.RunAsync(options, Console.Out);
    if (options.Out is { } path)
    {
        await File.WriteAllTextAsync(path, markdown);
    }

    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
