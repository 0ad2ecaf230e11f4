using System.Globalization;
using Parley.Load.Measurement;
using Parley.Load.Scenarios;
using Spectre.Console;

namespace Parley.Load.Reporting;

/// <summary>
/// Once a second: the interval's latencies and message counts, the server's and this process's memory and CPU,
/// the scenario's gauges; and a progress line.
/// </summary>
internal sealed class Timeline : IAsyncDisposable
{
    private readonly RunContext _context;
    private readonly List<TimelinePoint> _points = [];
    private readonly List<ProcessReading> _server = [];
    private readonly List<ProcessReading> _client = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly int _progressEvery;
    private (long Scheduled, long Acknowledged, long Delivered, long Failed, long Errors) _last;
    private ProcessReading? _lastServer;
    private ProcessReading? _lastClient;

    public Timeline(RunContext context, int progressEverySeconds)
    {
        _context = context;
        _progressEvery = Math.Max(1, progressEverySeconds);
        _lastServer = Read(context.ServerPid, _server);
        _lastClient = Read(Environment.ProcessId, _client);
        _loop = LoopAsync();
    }

    public IReadOnlyList<TimelinePoint> Points => _points;

    public IReadOnlyList<ProcessReading> ServerReadings => _server;

    public IReadOnlyList<ProcessReading> ClientReadings => _client;

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        var ledger = _context.Ledger;
        var metrics = _context.Metrics;
        var now = (ledger.Scheduled, ledger.Acknowledged, ledger.Delivered, ledger.Failed, metrics.ErrorTotal);
        var latencies = metrics.Latencies
            .Select(l => (l.Name, Summary: l.TakeInterval()))
            .Where(l => l.Summary.Count > 0)
            .ToDictionary(l => l.Name, l => l.Summary, StringComparer.Ordinal);
        var server = Read(_context.ServerPid, _server);
        var client = Read(Environment.ProcessId, _client);
        var point = new TimelinePoint(
            _context.Elapsed(Clock.Now),
            _context.Phase,
            now.Scheduled - _last.Scheduled,
            now.Acknowledged - _last.Acknowledged,
            now.Delivered - _last.Delivered,
            now.Failed - _last.Failed,
            now.ErrorTotal - _last.Errors,
            latencies,
            server is null ? null : Mb(server.RssKb),
            ProcessStats.CpuPercent(_lastServer, server),
            client is null ? null : Mb(client.RssKb),
            ProcessStats.CpuPercent(_lastClient, client),
            metrics.ReadGauges());
        _last = now;
        _lastServer = server ?? _lastServer;
        _lastClient = client ?? _lastClient;
        lock (_points)
        {
            _points.Add(point);
        }

        if (!_context.Options.Quiet && _points.Count % _progressEvery == 0)
        {
            _context.Console.WriteLine(Progress(point, now));
        }
    }

    private static string Progress(TimelinePoint point, (long Scheduled, long Acknowledged, long Delivered, long Failed, long Errors) total)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{point.At,6:0}s {point.Phase,-9} messages: scheduled {total.Scheduled} acknowledged {total.Acknowledged} delivered {total.Delivered} failed {total.Failed} | errors {total.Errors}");
        foreach (var (name, label) in new[] { ("customerToAgent", "c→a"), ("agentToCustomer", "a→c"), ("startToAccept", "start→accept"), ("connectCustomer", "connect") })
        {
            if (point.Latencies.TryGetValue(name, out var s))
            {
                line += string.Create(CultureInfo.InvariantCulture, $" | {label} p50 {s.P50:0.#} p99 {s.P99:0.#} ms");
            }
        }

        foreach (var (name, value) in point.Gauges)
        {
            line += string.Create(CultureInfo.InvariantCulture, $" | {name} {value:0}");
        }

        if (point.ServerRssMb is { } rss)
        {
            line += string.Create(CultureInfo.InvariantCulture, $" | server {rss:0} MB {point.ServerCpuPercent:0}% CPU");
        }

        return line + string.Create(CultureInfo.InvariantCulture, $" | client {point.ClientCpuPercent:0}% CPU");
    }

    private static ProcessReading? Read(int? pid, List<ProcessReading> into)
    {
        if (pid is not { } id || ProcessStats.Read(id) is not { } reading)
        {
            return null;
        }

        into.Add(reading);
        return reading;
    }

    public static double Mb(long kb) => Math.Round(kb / 1024.0, 1);

    /// <summary>Stops sampling after one last reading.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Sample();
        _stop.Dispose();
    }

    /// <summary>What the readings say about one process over the run.</summary>
    public static ResourceUse? Use(int? pid, IReadOnlyList<ProcessReading> readings, IReadOnlyList<double?> cpuSeconds)
    {
        if (pid is not { } id || readings.Count == 0)
        {
            return null;
        }

        var (first, last) = (readings[0], readings[^1]);
        var percents = cpuSeconds.OfType<double>().ToList();
        return new ResourceUse(
            id, Mb(first.RssKb), Mb(last.RssKb), Mb(readings.Max(r => r.RssKb)), Mb(readings.Max(r => r.PeakRssKb)),
            Math.Round(last.CpuSeconds - first.CpuSeconds, 2), ProcessStats.CpuPercent(first, last),
            percents.Count == 0 ? null : percents.Max(), readings.Max(r => r.Threads));
    }
}
