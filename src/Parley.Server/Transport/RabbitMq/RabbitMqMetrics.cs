using System.Diagnostics.Metrics;
using Parley.Server.Telemetry;

namespace Parley.Server.Transport.RabbitMq;

/// <summary>
/// <c>parley.broker.round_trip</c>: an edge's request until the core's answer came back through the broker, or until
/// it was given up (<c>unavailable</c>). Without a meter factory (a transport built by hand, in tests) nothing is recorded.
/// </summary>
internal sealed class RabbitMqMetrics(IMeterFactory? meters)
{
    private readonly Histogram<double>? _roundTrip = meters?.Create(ParleyTelemetry.Name).CreateHistogram("parley.broker.round_trip", "s",
        "An edge's request to the core through the broker until its answer, by request type and outcome (answered or unavailable).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ParleyMetrics.SecondsBuckets });

    public void RoundTrip(string requestType, bool answered, TimeSpan elapsed) =>
        _roundTrip?.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("parley.request", requestType),
            new KeyValuePair<string, object?>("parley.request.outcome", answered ? "answered" : "unavailable"));
}
