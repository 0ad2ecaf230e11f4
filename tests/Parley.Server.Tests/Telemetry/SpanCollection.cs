using System.Collections;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using OpenTelemetry.Trace;

namespace Parley.Server.Tests.Telemetry;

/// <summary>
/// The spans a test's servers finished, through OpenTelemetry's in-memory exporter. Spans end on any thread, so the
/// collection locks; every server of the process sees every <c>Parley</c> span, so each is kept once (by span id).
/// </summary>
public sealed class SpanCollection : ICollection<Activity>
{
    private readonly Dictionary<ActivitySpanId, Activity> _spans = [];

    /// <summary>Adds the in-memory exporter to a server's tracing, which then records every span as with any exporter.</summary>
    public void AddTo(IWebHostBuilder web) =>
        web.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(this).SetSampler(new AlwaysOnSampler())));

    public IReadOnlyList<Activity> Snapshot()
    {
        lock (_spans)
        {
            return [.. _spans.Values];
        }
    }

    public void Add(Activity item)
    {
        lock (_spans)
        {
            _spans.TryAdd(item.SpanId, item);
        }
    }

    public int Count
    {
        get
        {
            lock (_spans)
            {
                return _spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public void Clear()
    {
        lock (_spans)
        {
            _spans.Clear();
        }
    }

    public bool Contains(Activity item) => Snapshot().Contains(item);

    public void CopyTo(Activity[] array, int arrayIndex) => Snapshot().ToArray().CopyTo(array, arrayIndex);

    public bool Remove(Activity item)
    {
        lock (_spans)
        {
            return _spans.Remove(item.SpanId);
        }
    }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
