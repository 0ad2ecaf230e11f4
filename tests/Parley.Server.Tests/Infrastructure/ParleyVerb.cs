using System.Diagnostics;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A command-line verb of the real server binary (<c>dotnet parley.dll &lt;verb&gt; …</c>) in a child process.</summary>
public static class ParleyVerb
{
    /// <summary>Runs the verb with <paramref name="input"/> on standard input; its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> arguments, string input)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "parley.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', start.ArgumentList)} did not exit: {await output} {await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary><c>reset-password &lt;username&gt;</c> with the server settings as <c>--key=value</c> arguments.</summary>
    public static Task<(int ExitCode, string Output, string Error)> ResetPasswordAsync(string username, string password, IReadOnlyDictionary<string, string?> settings) =>
        RunAsync(["reset-password", username, .. settings.Select(s => $"--{s.Key}={s.Value}")], password);
}
