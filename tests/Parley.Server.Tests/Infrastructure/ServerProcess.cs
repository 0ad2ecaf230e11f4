using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The real server binary in a child process (<c>dotnet parley.dll</c>), so a test can kill it with SIGKILL mid-load
/// and start it again on the same port and data directory. Its output is kept for the failure message.
/// </summary>
public sealed class ServerProcess : IParleyAddress, IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource Printed)> _watches = [];
    private readonly int _port;
    private readonly int? _descriptorLimit;
    private Process? _process;

    /// <param name="descriptorLimit">Started under <c>ulimit -n</c> of this many open files (soft and hard), when given.</param>
    public ServerProcess(IReadOnlyDictionary<string, string?> settings, string? dataDirectory = null, int? descriptorLimit = null)
    {
        _settings = settings;
        _descriptorLimit = descriptorLimit;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("parley-process-").FullName;
        _port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{_port}/");
    }

    public Uri BaseAddress { get; }
    public string DataDirectory { get; }

    /// <summary>The server's process id (a shell started for <c>ulimit</c> execs into it: the same process).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("Not started.");

    /// <summary>Whether the server's process is still running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What the server printed (standard output and error), for assertions' messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The server's own SQLite database, for a test to read or change while the server is stopped.</summary>
    public SqliteParleyDbContext OpenDatabase()
    {
        var options = new DbContextOptionsBuilder<SqliteParleyDbContext>();
        StorageProviders.UseSqlite(options, $"Data Source={Path.Combine(DataDirectory, "parley.db")}");
        return new SqliteParleyDbContext(options.Options);
    }

    public async Task StartAsync()
    {
        var start = StartInfo();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilReadyAsync(process);
    }

    /// <summary>
    /// The same start as a shell command line (<c>env K=V … dotnet parley.dll --urls …</c>), for a tool that starts
    /// and kills the server itself (the load tool's <c>--server-command</c>).
    /// </summary>
    public string ShellCommand()
    {
        var environment = Settings().Select(s => $"{s.Key}={Quote(s.Value ?? "")}");
        return $"env {string.Join(' ', environment)} dotnet {string.Join(' ', DotnetArguments().Select(Quote))}";
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private ProcessStartInfo StartInfo()
    {
        var start = new ProcessStartInfo(_descriptorLimit is null ? "dotnet" : "bash")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_descriptorLimit is { } limit)
        {
            // exec: the shell becomes the server, so the process id and a kill reach it.
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"ulimit -n {limit} && exec dotnet \"$@\"");
            start.ArgumentList.Add("bash");
        }

        foreach (var argument in DotnetArguments())
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in Settings())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private IEnumerable<string> DotnetArguments() =>
        [Path.Combine(AppContext.BaseDirectory, "parley.dll"), "--urls", BaseAddress.ToString().TrimEnd('/')];

    /// <summary>The server's settings as environment variables: the data directory, the demo password, quiet logs, then the test's own.</summary>
    private IEnumerable<(string Key, string? Value)> Settings()
    {
        yield return ("Parley__DataDirectory", DataDirectory);
        yield return ("Parley__Demo__AgentPassword", ParleyClient.AgentPassword);
        yield return ("Logging__LogLevel__Default", "Warning");
        yield return ("ASPNETCORE_ENVIRONMENT", "Development");
        foreach (var (key, value) in _settings)
        {
            yield return (key.Replace(":", "__", StringComparison.Ordinal), value);
        }
    }

    /// <summary>SIGKILL: no shutdown, no flushing — what a crash or an OOM kill does.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        ParleyServer.TryDelete(DataDirectory);
    }

    private async Task WaitUntilReadyAsync(Process process)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow + StartPatience;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                // The liveness path: every role answers it (an edge has no /healthz).
                using var response = await client.GetAsync("livez");
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: poll the readiness endpoint again shortly.
            }

            await Task.Delay(100); // the poll interval of this deadline loop on a child process (real time)
        }

        throw new TimeoutException($"The server did not answer /livez within {StartPatience.TotalSeconds} s:\n{Output}");
    }

    /// <summary>Waits until the server has printed a line containing <paramref name="text"/> (such as its banner's last line).</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan patience)
    {
        var printed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            _watches.Add((text, printed));
        }

        try
        {
            await printed.Task.WaitAsync(patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The server did not print '{text}' within {patience.TotalSeconds} s:\n{Output}");
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            foreach (var watch in _watches.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                _watches.Remove(watch);
                watch.Printed.TrySetResult();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
