using System.Diagnostics.Metrics;

namespace Parley.Server.Telemetry;

/// <summary>
/// The message instruments on the <c>Parley</c> meter (names and what to alert on: docs/operations.md). Tag values are
/// the callers' fixed words (<c>customer</c>, <c>agent</c>, <c>system</c>), so every series stays bounded.
/// </summary>
public sealed class ParleyMetrics
{
    /// <summary>Seconds, from a few milliseconds (in one process) to the broker's request time-out.</summary>
    internal static readonly IReadOnlyList<double> SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _delivered;
    private readonly Histogram<double> _latency;
    private readonly Histogram<int> _batchSize;

    public ParleyMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ParleyTelemetry.Name);
        _accepted = meter.CreateCounter<long>("parley.messages.accepted", "{message}",
            "Messages stored by the core (acknowledged to their sender), by sender: customer, agent or system.");
        _delivered = meter.CreateCounter<long>("parley.messages.delivered", "{message}",
            "Customer and agent messages pushed to the other side, by recipient: agent or customer.");
        _latency = meter.CreateHistogram("parley.messages.delivery_latency", "s",
            "From a message's acceptance (its server time) until it was pushed to the other side, by recipient.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _batchSize = meter.CreateHistogram("parley.messages.batch_size", "{message}",
            "Messages written by one group commit (one transaction, one fsync).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
    }

    /// <param name="sender"><c>customer</c>, <c>agent</c> or <c>system</c>.</param>
    public void Accepted(string sender) => _accepted.Add(1, new KeyValuePair<string, object?>("parley.message.sender", sender));

    /// <param name="recipient"><c>agent</c> or <c>customer</c>.</param>
    /// <param name="latency">Since the message was accepted (server time to server time).</param>
    public void Delivered(string recipient, TimeSpan latency)
    {
        var tag = new KeyValuePair<string, object?>("parley.message.recipient", recipient);
        _delivered.Add(1, tag);
        _latency.Record(Math.Max(0, latency.TotalSeconds), tag);
    }

    public void BatchWritten(int messages) => _batchSize.Record(messages);
}
