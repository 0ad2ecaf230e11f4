using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Edges;
using Parley.Server.Transport;

namespace Parley.Server.Tests.Edges;

/// <summary>The core notices an edge going offline and coming back on its own clock, and says so once: log, health, metric.</summary>
public sealed class EdgeWatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5); // three missed: offline after 15 s
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<EdgeWatch> _logger = new();
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly EdgeOptions _options = new() { HeartbeatInterval = Interval, ForgetOfflineAfter = TimeSpan.FromHours(1) };
    private readonly EdgeDirectory _directory;
    private readonly EdgeWatch _watch;
    private readonly List<EdgeTransition> _transitions = [];

    public EdgeWatchTests()
    {
        _directory = new EdgeDirectory(_time, Options.Create(_options));
        var meters = _metrics.GetRequiredService<IMeterFactory>();
        _watch = new EdgeWatch(_directory, new EdgeMetrics(meters, _directory), _time, Options.Create(_options), _logger);
        _watch.Transitioned += _transitions.Add;
    }

    public Task InitializeAsync() => _watch.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _watch.StopAsync(CancellationToken.None);
        await _metrics.DisposeAsync();
    }

    private void Beat(string name) => _directory.Heard(new EdgeHeartbeat(name, "Site of " + name, "1.2.3", null, _time.GetUtcNow()));

    private List<FakeLogRecord> Logs(LogLevel level) => [.. _logger.Collector.GetSnapshot().Where(r => r.Level == level)];

    [Fact]
    public void An_edge_is_logged_offline_once_after_three_missed_heartbeats_and_online_once_when_it_is_back()
    {
        Beat("edge-1");
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Empty(_transitions);

        // No request and no poll: the watch's own timer on the injected clock notices.
        _time.Advance(TimeSpan.FromSeconds(1));
        var offline = Assert.Single(_transitions);
        Assert.Equal(("edge-1", "Site of edge-1", false), (offline.Edge, offline.Site, offline.Online));
        var warning = Assert.Single(Logs(LogLevel.Warning));
        Assert.Equal("Edge edge-1 (Site of edge-1) is offline: no heartbeat for 16 s", warning.Message);

        // Still down an hour later minus a bit: nothing more is said.
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Single(_transitions);

        Beat("edge-1");
        Assert.Equal(2, _transitions.Count);
        Assert.True(_transitions[1].Online);
        var back = Assert.Single(Logs(LogLevel.Information));
        Assert.Equal("Edge edge-1 (Site of edge-1) is online again after 1816 s without a heartbeat", back.Message);
        Assert.Single(Logs(LogLevel.Warning));
    }

    [Fact]
    public void Routine_heartbeats_and_a_new_edge_are_not_transitions()
    {
        Beat("edge-1");
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(Interval);
            Beat("edge-1");
            Beat("edge-2");
        }

        Assert.Empty(_transitions);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public void Each_edge_is_watched_on_its_own()
    {
        Beat("edge-1");
        _time.Advance(TimeSpan.FromSeconds(10));
        Beat("edge-2");
        _time.Advance(TimeSpan.FromSeconds(6)); // edge-1 silent 16 s, edge-2 only 6 s

        Assert.Equal(["edge-1"], _transitions.Select(t => t.Edge));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(["edge-1", "edge-2"], _transitions.Select(t => t.Edge));
    }

    [Fact]
    public async Task Health_is_degraded_naming_the_offline_edge_until_it_is_back()
    {
        var check = new EdgeHealthCheck(_directory, _time);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status); // no edge ever seen

        Beat("edge-1");
        Beat("edge-2");
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);

        _time.Advance(TimeSpan.FromSeconds(10));
        Beat("edge-2");
        _time.Advance(TimeSpan.FromSeconds(10));
        var degraded = await CheckAsync(check);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Equal("Offline: edge-1 (Site of edge-1), no heartbeat for 20 s.", degraded.Description);

        Beat("edge-1");
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);
    }

    [Fact]
    public async Task An_edge_gone_for_good_is_forgotten_after_the_configured_time_and_health_is_healthy_again()
    {
        var check = new EdgeHealthCheck(_directory, _time);
        Beat("edge-1");
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HealthStatus.Degraded, (await CheckAsync(check)).Status);

        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);
        Assert.Empty(_directory.List());
        var forgotten = Assert.Single(Logs(LogLevel.Information));
        Assert.Equal("Edge edge-1 (Site of edge-1) is forgotten: no heartbeat for 3601 s (Parley:Edge:ForgetOfflineAfter 01:00:00)", forgotten.Message);
    }

    [Fact]
    public void The_online_gauge_and_the_offline_counter_follow_the_edges()
    {
        var meters = _metrics.GetRequiredService<IMeterFactory>();
        using var online = new MetricCollector<int>(meters, EdgeMetrics.MeterName, "parley.edges.online");
        using var offline = new MetricCollector<long>(meters, EdgeMetrics.MeterName, "parley.edges.offline_transitions");

        Beat("edge-1");
        Beat("edge-2");
        Assert.Equal([("edge-1", 1), ("edge-2", 1)], Gauge(online));

        _time.Advance(TimeSpan.FromSeconds(10));
        Beat("edge-2");
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal([("edge-1", 0), ("edge-2", 1)], Gauge(online));
        var transition = Assert.Single(offline.GetMeasurementSnapshot());
        Assert.Equal(1, transition.Value);
        Assert.Equal("edge-1", transition.Tags["parley.edge.name"]);
        Assert.Equal("Site of edge-1", transition.Tags["parley.edge.site"]);

        Beat("edge-1");
        Assert.Equal([("edge-1", 1), ("edge-2", 1)], Gauge(online));
        Assert.Single(offline.GetMeasurementSnapshot());
    }

    private static List<(string, int)> Gauge(MetricCollector<int> collector)
    {
        collector.Clear();
        collector.RecordObservableInstruments();
        return [.. collector.GetMeasurementSnapshot().Select(m => ((string)m.Tags["parley.edge.name"]!, m.Value)).Order()];
    }

    private static Task<HealthCheckResult> CheckAsync(EdgeHealthCheck check) =>
        check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("edges", check, null, null) });
}
