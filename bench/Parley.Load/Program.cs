using Parley.Load.Reporting;
using Spectre.Console;

namespace Parley.Load;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
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
