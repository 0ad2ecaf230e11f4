using System.Collections.Concurrent;

namespace Parley.Load.Measurement;

/// <summary>The run's named latencies, counters and gauges, and its errors by kind.</summary>
public sealed class Metrics
{
    private readonly ConcurrentDictionary<string, LatencyRecorder> _latencies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<double>> _gauges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _latencyOrder = new();
    private readonly ConcurrentQueue<string> _counterOrder = new();

    public LatencyRecorder Latency(string name, string description)
    {
        if (_latencies.TryGetValue(name, out var recorder))
        {
            return recorder;
        }

        lock (_latencyOrder)
        {
            if (!_latencies.TryGetValue(name, out recorder))
            {
                recorder = new LatencyRecorder(name, description);
                _latencies[name] = recorder;
                _latencyOrder.Enqueue(name);
            }

            return recorder;
        }
    }

    /// <summary>The latencies in the order they were first asked for.</summary>
    public IReadOnlyList<LatencyRecorder> Latencies => [.. _latencyOrder.Select(n => _latencies[n])];

    public void Count(string counter, long by = 1)
    {
        if (!_counters.TryGetValue(counter, out var box))
        {
            lock (_counterOrder)
            {
                if (!_counters.TryGetValue(counter, out box))
                {
                    box = new StrongBox();
                    _counters[counter] = box;
                    _counterOrder.Enqueue(counter);
                }
            }
        }

        Interlocked.Add(ref box.Value, by);
    }

    /// <summary>Keeps the highest value seen under <paramref name="counter"/>.</summary>
    public void Maximum(string counter, long value)
    {
        Count(counter, 0);
        var box = _counters[counter];
        var current = Interlocked.Read(ref box.Value);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref box.Value, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    public long Counter(string counter) => _counters.TryGetValue(counter, out var box) ? Interlocked.Read(ref box.Value) : 0;

    public IReadOnlyDictionary<string, long> Counters => _counterOrder.ToDictionary(n => n, Counter, StringComparer.Ordinal);

    /// <summary>A value the timeline samples once a second (connections open, chats waiting…).</summary>
    public void Gauge(string name, Func<double> read) => _gauges[name] = read;

    public IReadOnlyDictionary<string, double> ReadGauges() =>
        _gauges.OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Value(), StringComparer.Ordinal);

    /// <summary>Counts an error under "<paramref name="operation"/>: <paramref name="kind"/>".</summary>
    public void Error(string operation, string kind) =>
        Interlocked.Increment(ref _errors.GetOrAdd($"{operation}: {kind}", _ => new StrongBox()).Value);

    public void Error(string operation, Exception exception) => Error(operation, Describe(exception));

    public long ErrorTotal => _errors.Values.Sum(b => Interlocked.Read(ref b.Value));

    public IReadOnlyDictionary<string, long> Errors =>
        _errors.OrderByDescending(e => e.Value.Value).ThenBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(e => e.Key, e => Interlocked.Read(ref e.Value.Value), StringComparer.Ordinal);

    /// <summary>An exception as a short kind: its type and the start of its message (ids and numbers left in are rare).</summary>
    public static string Describe(Exception exception)
    {
        var e = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
        var message = e.Message.ReplaceLineEndings(" ");
        if (message.Length > 120)
        {
            message = message[..120] + "…";
        }

        return $"{e.GetType().Name}: {message}";
    }

    private sealed class StrongBox
    {
        public long Value;
    }
}
