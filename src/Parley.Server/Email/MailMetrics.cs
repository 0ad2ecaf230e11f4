using System.Diagnostics.Metrics;
using Parley.Server.Telemetry;

namespace Parley.Server.Email;

/// <summary>
/// The outbox's instruments on the <c>Parley</c> meter (docs/operations.md): <c>parley.mail.attempts</c> by outcome
/// and <c>parley.mail.unsent</c>, the mail not yet sent (pending or retrying) at the worker's last look at the outbox.
/// </summary>
public sealed class MailMetrics
{
    private readonly Counter<long> _attempts;
    private int _unsent;

    public MailMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ParleyTelemetry.Name);
        _attempts = meter.CreateCounter<long>("parley.mail.attempts", "{attempt}",
            "Attempts to send an outbox mail, by outcome: sent, retrying (may pass; tried again after a back-off) or failed (refused for good).");
        meter.CreateObservableGauge("parley.mail.unsent", () => Volatile.Read(ref _unsent), "{mail}",
            "Outbox mail not sent yet (pending or retrying) when the sender last looked.");
    }

    /// <param name="outcome"><c>sent</c>, <c>retrying</c> or <c>failed</c>.</param>
    internal void Attempted(string outcome) => _attempts.Add(1, new KeyValuePair<string, object?>("parley.mail.outcome", outcome));

    internal void Unsent(int count) => Volatile.Write(ref _unsent, count);
}
