using Parley.Server.Email;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Email;

/// <summary>The outbox on <c>/metrics</c>: attempts by outcome and the mail not sent yet, so an outage can be alerted on.</summary>
public sealed class MailMetricsTests
{
    [Fact]
    public async Task Metrics_count_attempts_by_outcome_and_the_mail_not_sent_yet()
    {
        await using var sink = new SmtpSink(start: false);
        await using var server = new ParleyServer(settings: sink.Settings());
        var admin = await server.LoginAsync("admin");
        using var client = server.CreateClient();

        var id = await server.EnqueueMailAsync(OutgoingMail.FromText("ann@example.com", "Ann", "Hi", "Text"));
        await server.MailWhenAsync(admin, id, m => m.Status == MailStatus.Retrying, "the mail retrying");

        // A scrape may be answered from the exporter's short cache: poll until it shows both.
        var down = await Eventually.ThatAsync(() => client.GetStringAsync("metrics"),
            m => Unsent(m) == 1 && m.Contains("parley_mail_attempts_total{", StringComparison.Ordinal), "one unsent mail and its attempt on /metrics");
        Assert.Contains("parley_mail_attempts_total{", down, StringComparison.Ordinal);
        Assert.Contains("parley_mail_outcome=\"retrying\"", down, StringComparison.Ordinal);

        sink.Start();
        using (var adminClient = server.CreateClient(admin))
        {
            (await adminClient.PostAsync($"api/v1/admin/mail/{id}/retry", null)).EnsureSuccessStatusCode();
        }

        var back = await Eventually.ThatAsync(() => client.GetStringAsync("metrics"),
            m => Unsent(m) == 0 && m.Contains("parley_mail_outcome=\"sent\"", StringComparison.Ordinal), "no unsent mail and a sent attempt on /metrics");
        Assert.Contains("parley_mail_outcome=\"sent\"", back, StringComparison.Ordinal);
    }

    private static int? Unsent(string metrics) =>
        System.Text.RegularExpressions.Regex.Match(metrics, @"^parley_mail_unsent\{[^}]*\} (\d+)", System.Text.RegularExpressions.RegexOptions.Multiline) is { Success: true } found
            ? int.Parse(found.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
