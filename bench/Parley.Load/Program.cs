using Parley.Load.Reporting;
using Spectre.Console;

namespace Parley.Load;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["report" or "sustained", var folder, ..] && !Directory.Exists(folder))
        {
            await Console.Error.WriteLineAsync($"No such folder: {folder}");
            return 2;
        }

        if (args is ["report", var directory, ..])
        {
            // The side-by-side tables of a series of runs (bench/run-load), from their result.json files.
            var report = Comparison.Build(directory);
            await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), report);
            Console.Write(report);
            return 0;
        }

        if (args is ["sustained", var run, ..])
        {
            // For bench/run-load's rate sweep: 0 when the run in that folder delivered everything once with p99 under the limit.
            var file = Path.Combine(run, "result.json");
            if (!File.Exists(file))
            {
                await Console.Error.WriteLineAsync($"No result.json in {run}");
                return 2;
            }

            using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(file));
            return Comparison.Sustained(json.RootElement) ? 0 : 1;
        }

        LoadOptions options;
        try
        {
            (options, var help) = CommandLine.Parse(args);
            if (help)
            {
                Console.Write(CommandLine.Help());
                return 0;
            }

            LoadRunner.Resolve(options);
        }
        catch (Exception e) when (e is UsageException or FormatException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        // Thousands of connections start at once: do not let the thread pool grow one thread at a time.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var console = AnsiConsole.Create(new AnsiConsoleSettings());
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 240; // A log file: one progress line per line.
        }

        LoadResult result = await LoadRunner.RunAsync(options, console, cancel.Token);
        return result.Failure is not null ? 3 : result.Clean ? 0 : 1;
    }
}
