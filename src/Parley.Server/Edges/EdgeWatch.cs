using Microsoft.Extensions.Options;
using Parley.Server.Transport;

namespace Parley.Server.Edges;

/// <summary>
/// Notices each edge going offline (three missed heartbeats), coming back and being forgotten, and says so once: a
/// log line, the offline counter and <see cref="Transitioned"/> (agents are told their customers are unreachable).
/// Online or not is <see cref="EdgeDirectory"/>'s to decide; this keeps only what it last announced, and one timer on
/// the injected clock set to the next moment an edge could go quiet — heartbeats themselves cost it nothing.
/// </summary>
public sealed partial class EdgeWatch(
    EdgeDirectory directory,
    EdgeMetrics metrics,
    TimeProvider time,
    IOptions<EdgeOptions> options,
    ILogger<EdgeWatch> logger) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EdgeView> _announcedOffline = new(StringComparer.Ordinal);
    private ITimer? _timer;

    /// <summary>An edge went offline or came back (raised outside any lock, once per transition).</summary>
    public event Action<EdgeTransition>? Transitioned;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _timer = time.CreateTimer(_ => Evaluate(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        directory.Changed += Evaluate;
        Evaluate();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        directory.Changed -= Evaluate;
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Evaluate()
    {
        var news = new List<(EdgeView Edge, Change Change)>();
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_timer is null)
            {
                return;
            }

            var edges = directory.List();
            foreach (var status in edges)
            {
                var edge = status.Edge;
                if (!status.Online && !_announcedOffline.ContainsKey(edge.Name))
                {
                    _announcedOffline[edge.Name] = edge;
                    news.Add((edge, Change.Offline));
                }
                else if (status.Online && _announcedOffline.Remove(edge.Name, out var silent))
                {
                    // The gap: from the last heartbeat before the outage to this one.
                    news.Add((edge with { LastHeartbeat = silent.LastHeartbeat }, Change.Online));
                }
            }

            foreach (var gone in _announcedOffline.Values.Where(g => !edges.Any(e => e.Edge.Name == g.Name)).ToList())
            {
                _announcedOffline.Remove(gone.Name);
                news.Add((gone, Change.Forgotten));
            }

            // Next look: when the first online edge could count as offline, or the first offline one as forgotten.
            // One tick past the limit, since exactly at it an edge still counts as online (or listed).
            var next = edges.Select(e => e.Edge.LastHeartbeat + (e.Online ? directory.OfflineAfter : directory.ForgetAfter)).DefaultIfEmpty().Min();
            _timer.Change(next == default ? Timeout.InfiniteTimeSpan : next - now + TimeSpan.FromTicks(1), Timeout.InfiniteTimeSpan);
        }

        foreach (var (edge, change) in news)
        {
            Announce(edge, change, now);
        }
    }

    private void Announce(EdgeView edge, Change change, DateTimeOffset now)
    {
        var silent = now - edge.LastHeartbeat;
        var seconds = (long)silent.TotalSeconds;
        switch (change)
        {
            case Change.Offline:
                LogOffline(edge.Name, edge.Site, seconds);
                metrics.WentOffline(edge);
                break;
            case Change.Online:
                LogOnline(edge.Name, edge.Site, seconds);
                break;
            default:
                LogForgotten(edge.Name, edge.Site, seconds, options.Value.ForgetOfflineAfter);
                return;
        }

        Transitioned?.Invoke(new EdgeTransition(edge.Name, edge.Site, change == Change.Online, silent));
    }

    [LoggerMessage(EventId = 6200, Level = LogLevel.Warning, Message = "Edge {Edge} ({Site}) is offline: no heartbeat for {SilentSeconds} s")]
    private partial void LogOffline(string edge, string site, long silentSeconds);

    [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "Edge {Edge} ({Site}) is online again after {SilentSeconds} s without a heartbeat")]
    private partial void LogOnline(string edge, string site, long silentSeconds);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "Edge {Edge} ({Site}) is forgotten: no heartbeat for {SilentSeconds} s (Parley:Edge:ForgetOfflineAfter {ForgetAfter})")]
    private partial void LogForgotten(string edge, string site, long silentSeconds, TimeSpan forgetAfter);

    private enum Change
    {
        Offline,
        Online,
        Forgotten,
    }
}

/// <param name="SinceLastHeartbeat">Going offline: how long the edge has been silent; back online: how long it was.</param>
public sealed record EdgeTransition(string Edge, string Site, bool Online, TimeSpan SinceLastHeartbeat);
