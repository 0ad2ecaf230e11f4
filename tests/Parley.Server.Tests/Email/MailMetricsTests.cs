using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Parley.Server.Email;
using Parley.Server.Storage;
using Parley.Server.Telemetry;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Email;

/// <summary>
/// The outbox's metrics: attempts by outcome and the mail not sent yet, so an outage can be alerted on. Read from this
/// server's own meters (<see cref="MetricCollector{T}"/> on its <see cref="IMeterFactory"/>): with several servers in
/// one test process, a scrape of <c>/metrics</c> may show another server's instrument of the same name.
/// </summary>
public sealed class MailMetricsTests
{
    [Fact]
    public async Task Metrics_count_attempts_by_outcome_and_the_mail_not_sent_yet()
    {
        await using var sink = new SmtpSink(start: false);
        await using var server = new ParleyServer(settings: sink.Settings());
        var meters = server.Services.GetRequiredService<IMeterFactory>();
        using var attempts = new MetricCollector<long>(meters, ParleyTelemetry.Name, "parley.mail.attempts");
        using var unsent = new MetricCollector<int>(meters, ParleyTelemetry.Name, "parley.mail.unsent");
        var admin = await server.LoginAsync("admin");
        using var client = server.CreateClient();

        var id = await server.EnqueueMailAsync(OutgoingMail.FromText("ann@example.com", "Ann", "Hi", "Text"));
        await server.MailWhenAsync(admin, id, m => m.Status == MailStatus.Retrying, "the mail retrying");
        var down = await Eventually.ThatAsync(() => Unsent(unsent), n => n == 1, "one unsent mail");
        var retrying = Outcomes(attempts);

        sink.Start();
        using (var adminClient = server.CreateClient(admin))
        {
            (await adminClient.PostAsync($"api/v1/admin/mail/{id}/retry", null)).EnsureSuccessStatusCode();
        }

        await Eventually.ThatAsync(() => Unsent(unsent), n => n == 0, "no unsent mail");
        var metrics = await client.GetStringAsync("metrics");

        Assert.Equal(1, down);
        Assert.Contains("retrying", retrying);
        Assert.Contains("sent", Outcomes(attempts));
        // Both are exported for Prometheus under these names.
        Assert.Contains("parley_mail_unsent", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE parley_mail_attempts_total counter", metrics, StringComparison.Ordinal);
    }

    private static int? Unsent(MetricCollector<int> unsent)
    {
        unsent.RecordObservableInstruments();
        return unsent.LastMeasurement?.Value;
    }

    private static List<string?> Outcomes(MetricCollector<long> attempts) =>
        [.. attempts.GetMeasurementSnapshot().Select(m => m.Tags.TryGetValue("parley.mail.outcome", out var outcome) ? outcome?.ToString() : null)];
}
