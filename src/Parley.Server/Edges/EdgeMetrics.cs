using System.Diagnostics.Metrics;

namespace Parley.Server.Edges;

/// <summary>
/// The core's edge instruments on the <c>Parley</c> meter: <c>parley.edges.online</c> (1 or 0 per known edge, read
/// from <see cref="EdgeDirectory"/> when collected) and <c>parley.edges.offline_transitions</c>.
/// </summary>
public sealed class EdgeMetrics
{
    public const string MeterName = "Parley";
    private readonly Counter<long> _offline;

    public EdgeMetrics(IMeterFactory meters, EdgeDirectory directory)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("parley.edges.online",
            () => directory.List().Select(e => new Measurement<int>(e.Online ? 1 : 0, Tags(e.Edge))),
            unit: "{edge}", description: "1 while the edge sends heartbeats, 0 once it missed three (until it is forgotten).");
        _offline = meter.CreateCounter<long>("parley.edges.offline_transitions",
            unit: "{transition}", description: "How often an edge went offline (three missed heartbeats).");
    }

    public void WentOffline(EdgeView edge) => _offline.Add(1, Tags(edge));

    private static KeyValuePair<string, object?>[] Tags(EdgeView edge) =>
        [new("parley.edge.name", edge.Name), new("parley.edge.site", edge.Site)];
}
