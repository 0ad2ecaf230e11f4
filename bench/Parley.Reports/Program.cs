using Parley.Reports;

try
{
    var options = BenchOptions.Parse(args);
    var markdown = await ReportBench.RunAsync(options, Console.Out);
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
