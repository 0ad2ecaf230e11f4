using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Parley.Server.Contracts;
using Parley.Server.Transport;

namespace Parley.Server.Edges;

/// <summary>
/// The core's picture of its edges: who announced itself (status, version, clock offset) and which edge holds each
/// conversation's customer — learned from every request, so a customer who reconnects to another edge is followed there.
/// </summary>
public sealed class EdgeDirectory(TimeProvider time, IOptions<EdgeOptions> options)
{
    /// <summary>Clocks further apart than this get a warning: every event's time comes from the core.</summary>
    public static readonly TimeSpan ClockWarning = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, EdgeView> _edges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, string> _routes = new();

    /// <summary>Raised when an edge appears, changes or goes quiet (for the admin page).</summary>
    public event Action? Changed;

    /// <summary>Raised when a customer's requests come through another edge than before (so their reachability may change).</summary>
    public event Action<Guid>? Rerouted;

    /// <summary>Three missed heartbeats and an edge counts as offline.</summary>
    public TimeSpan OfflineAfter => options.Value.HeartbeatInterval * 3;

    /// <summary>An edge silent this long is no longer listed (taken away for good, <see cref="EdgeOptions.ForgetOfflineAfter"/>).</summary>
    public TimeSpan ForgetAfter => options.Value.ForgetOfflineAfter;

    public void Heard(EdgeHeartbeat heartbeat)
    {
        var now = time.GetUtcNow();
        var view = new EdgeView(heartbeat.Name, heartbeat.Site, heartbeat.Version, heartbeat.ExternalUrl, now, heartbeat.SentAt - now);
        var changed = !_edges.TryGetValue(heartbeat.Name, out var before)
            || before with { LastHeartbeat = now, ClockOffset = view.ClockOffset } != view
            || !IsOnline(before, now)
            || (before.ClockOffset.Duration() > ClockWarning) != (view.ClockOffset.Duration() > ClockWarning);
        _edges[heartbeat.Name] = view;
        if (changed)
        {
            Changed?.Invoke();
        }
    }

    /// <summary>The customer of <paramref name="conversationId"/> talks through <paramref name="edge"/> now.</summary>
    public void Route(Guid conversationId, string edge)
    {
        var before = _routes.GetValueOrDefault(conversationId);
        _routes[conversationId] = edge;
        if (before is not null && before != edge)
        {
            Rerouted?.Invoke(conversationId);
        }
    }

    /// <summary>
    /// Whether the customer's edge is online. The core claims no outage it has not seen: a conversation whose edge is
    /// not known (after a core restart, until the customer's next request) or whose edge has sent requests but no
    /// heartbeat yet counts as reachable.
    /// </summary>
    public bool CustomerReachable(Guid conversationId) =>
        !_routes.TryGetValue(conversationId, out var edge) || !_edges.TryGetValue(edge, out var view) || IsOnline(view, time.GetUtcNow());

    /// <summary>The conversations whose customer talks through <paramref name="edge"/>.</summary>
    public IReadOnlyList<Guid> ConversationsOn(string edge) => [.. _routes.Where(r => r.Value == edge).Select(r => r.Key)];

    /// <summary>The edge the customer's requests come through and its site (null where not known): for reports per site and edge.</summary>
    public (string? Edge, string? Site) OriginOf(Guid conversationId) =>
        _routes.TryGetValue(conversationId, out var edge) ? (edge, _edges.TryGetValue(edge, out var view) ? view.Site : null) : (null, null);

    /// <summary>
    /// The address customers reach the edge holding this conversation's customer at, else that of any edge that says one
    /// (every edge serves every customer's links), or null when no edge says one (<c>Parley:Edge:ExternalUrl</c>).
    /// </summary>
    public string? ExternalUrlOf(Guid conversationId) =>
        (_routes.TryGetValue(conversationId, out var edge) && _edges.TryGetValue(edge, out var view) ? view.ExternalUrl : null)
        ?? _edges.Values.Where(e => e.ExternalUrl is not null).OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => e.ExternalUrl).FirstOrDefault();

    public void Forget(Guid conversationId) => _routes.TryRemove(conversationId, out _);

    /// <summary>The edges to tell about a conversation: the one holding its customer, or — unknown after a core restart — every online edge.</summary>
    public IReadOnlyList<string> EdgesFor(Guid conversationId)
    {
        if (_routes.TryGetValue(conversationId, out var edge))
        {
            return [edge];
        }

        var now = time.GetUtcNow();
        return [.. _edges.Values.Where(e => IsOnline(e, now)).Select(e => e.Name)];
    }

    public IReadOnlyList<EdgeStatus> List()
    {
        var now = time.GetUtcNow();
        return [.. _edges.Values.Where(e => now - e.LastHeartbeat <= ForgetAfter).OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => new EdgeStatus(e, IsOnline(e, now), e.ClockOffset.Duration() > ClockWarning))];
    }

    private bool IsOnline(EdgeView edge, DateTimeOffset now) => now - edge.LastHeartbeat <= OfflineAfter;
}
