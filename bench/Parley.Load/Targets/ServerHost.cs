using System.Diagnostics;

namespace Parley.Load.Targets;

/// <summary>
/// The server under test when the tool starts it itself (<c>--server-command</c>): run through <c>/bin/sh -c 'exec …'</c>,
/// so the process the tool holds (and reads /proc for, and kills) is the server itself. Its output goes to
/// <c>server.log</c> in the result folder. The crash scenario needs it: it kills the server with SIGKILL and starts
/// it again with the same command.
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(90);
    private readonly string _command;
    private readonly Uri _baseAddress;
    private readonly StreamWriter _log;
    private Process? _process;
    private bool _logClosed;

    public ServerHost(string command, Uri baseAddress, string logPath)
    {
        _command = command;
        _baseAddress = baseAddress;
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
    }

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>How often it was started (1 + restarts).</summary>
    public int Starts { get; private set; }

    /// <summary>Starts the server and waits until <c>/healthz</c> answers. Returns the time that took.</summary>
    public async Task<TimeSpan> StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec " + _command);
        var process = Process.Start(start) ?? throw new TargetException($"Could not start: {_command}");
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        Write($"--- started pid {process.Id}: {_command}");
        await WaitUntilReadyAsync(process, cancellationToken);
        return started.Elapsed;
    }

    /// <summary>SIGKILL: no shutdown, no flushing — what a crash or the OOM killer does.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            Write($"--- SIGKILL pid {process.Id}");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>An orderly stop (SIGTERM), then SIGKILL if it has not exited within 15 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            Write($"--- SIGTERM pid {process.Id}");
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                await KillAsync();
            }
        }

        _process?.Dispose();
        lock (_log)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    private async Task WaitUntilReadyAsync(Process process, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = _baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartPatience)
        {
            if (process.HasExited)
            {
                throw new TargetException($"The server exited with code {process.ExitCode} while starting (see server.log).");
            }

            try
            {
                // Any answer means it listens (Parley answers /healthz; the baselines have none and answer 404).
                using var response = await client.GetAsync("healthz", cancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A request timed out while it starts.
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TargetException($"The server did not answer {_baseAddress}healthz within {StartPatience.TotalSeconds:0} s (see server.log).");
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
